import { requireRecentSignIn } from '../access/credential-scope';
import type { Organization } from '../../shared/domain/organization';
import type { orgEndpoints } from '../../shared/rest/org-endpoints';
import { requireOrg } from '../access/scope-access';
import { getOrganizationRow, toOrganization } from '../directory/rows';
import { conflict, notFound } from '../http/api-error';
import type { Handlers } from '../http/register-endpoints';
import type { Services } from '../http/services';
import { recordAllowed } from '../audit/record-allowed';
import { orgMemberHandlers } from './org-member-routes';

type OrgKeys = 'org.read' | 'org.update';

function readOrganization(services: Services, orgId: string): Organization {
  const row = getOrganizationRow(services.db, orgId);
  if (!row) throw notFound('Organization');
  return toOrganization(row);
}

const orgHandlers: Handlers<Pick<typeof orgEndpoints, OrgKeys>> = {
  'org.read': ({ params }, services) => readOrganization(services, params.id),

  'org.update': ({ principal, params, body }, services) =>
    services.write(() => {
      const before = readOrganization(services, params.id);
      const detailsChanged = before.name !== body.name || before.slug !== body.slug;
      const planChanged = before.plan !== body.plan;
      // The plan is billing and only owners change it, with their password entered recently.
      if (planChanged) {
        requireOrg(principal, 'org.plan.update');
        requireRecentSignIn(principal, services.now());
      }
      if (before.slug !== body.slug && services.db.prepare('SELECT 1 FROM organizations WHERE slug = ? AND id <> ?').get(body.slug, before.id)) {
        throw conflict(`The slug ${body.slug} is already taken by another organization.`);
      }
      services.db.prepare('UPDATE organizations SET name = ?, slug = ?, plan = ? WHERE id = ?').run(body.name, body.slug, body.plan, before.id);
      if (detailsChanged || !planChanged) {
        recordAllowed(services, principal, {
          action: 'org.update',
          resourceKind: 'organization',
          resourceId: before.id,
          detail: { name: body.name, slug: body.slug, previousSlug: before.slug },
        });
      }
      if (planChanged) {
        recordAllowed(services, principal, {
          action: 'org.plan.update',
          resourceKind: 'organization',
          resourceId: before.id,
          detail: { plan: body.plan, previousPlan: before.plan },
        });
      }
      services.changes.touch(before.id, 'organization', before.id);
      return readOrganization(services, before.id);
    }),
};

export const organizationHandlers: Handlers<typeof orgEndpoints> = {
  ...orgHandlers,
  ...orgMemberHandlers,
};
