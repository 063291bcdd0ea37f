import type { Organization } from '../../shared/domain/organization';
import type { Plan } from '../../shared/domain/plan';
import { toCanonicalName } from '../../shared/domain/canonical-name';
import type { Services } from '../http/services';
import { newEntityId } from '../../shared/domain/new-entity-id';
import { insertAgent } from './agent-rows';
import { insertProject } from './project-rows';
import { unsetParameters } from '../../shared/domain/model-parameters';

export const defaultAgentPrompt =
  'You are a helpful assistant for this team. Answer clearly, say when you are unsure, and cite the knowledge passages you use.';

/** A slug not yet taken: the name's slug, then with -2, -3... */
function freeSlug(services: Services, name: string): string {
  const base = toCanonicalName(name);
  const root = base.ok ? base.value.slice(0, 56) : 'org';
  const taken = services.db.prepare('SELECT 1 FROM organizations WHERE slug = ?');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? root : `${root}-${n}`;
    if (!taken.get(candidate)) return candidate;
  }
}

/**
 * A new organization with what every organization has from its first moment: its owner, the
 * undeletable `default` project and the default agent, visible everywhere. Call inside a write.
 */
export function createOrganization(services: Services, input: { name: string; ownerId: string; plan: Plan }): Organization {
  const at = services.now().toISOString();
  const org: Organization = { id: newEntityId('org'), name: input.name, slug: freeSlug(services, input.name), plan: input.plan, createdAt: at };
  const db = services.db;
  db.prepare('INSERT INTO organizations (id, name, slug, plan, created_at) VALUES (?, ?, ?, ?, ?)').run(
    org.id,
    org.name,
    org.slug,
    org.plan,
    org.createdAt,
  );
  db.prepare("INSERT INTO org_members (org_id, user_id, role, created_at) VALUES (?, ?, 'owner', ?)").run(org.id, input.ownerId, at);
  const projectId = newEntityId('prj');
  insertProject(db, {
    id: projectId,
    orgId: org.id,
    name: 'Default',
    canonicalName: 'default',
    description: 'Where anything created without a project lands.',
    metadata: {},
    defaultModelId: null,
    isDefault: true,
    primaryWorkgroupId: null,
    sharedWorkgroupIds: [],
    at,
  });
  const agentId = newEntityId('agt');
  insertAgent(db, {
    id: agentId,
    orgId: org.id,
    ownerId: input.ownerId,
    projectId: null,
    name: 'Assistant',
    description: 'The organization’s default agent, available in every project.',
    systemPrompt: defaultAgentPrompt,
    tools: [],
    examples: [],
    modelId: null,
    parameters: unsetParameters,
    visibility: { level: 'public' },
    status: 'active',
    version: 1,
    forkedFrom: null,
    isDefault: true,
    createdAt: at,
    updatedAt: at,
  });
  const actor = { orgId: org.id, actorId: input.ownerId, outcome: 'allowed' as const };
  services.audit.record({ ...actor, action: 'org.create', resourceKind: 'organization', resourceId: org.id, projectId: null });
  services.audit.record({ ...actor, action: 'project.create', resourceKind: 'project', resourceId: projectId, projectId });
  services.audit.record({ ...actor, action: 'agent.create', resourceKind: 'agent', resourceId: agentId, projectId: null });
  services.changes.touch(org.id, 'organization', org.id);
  services.changes.touch(org.id, 'project', projectId);
  services.changes.touch(org.id, 'agent', agentId);
  services.changes.accessChanged(org.id, input.ownerId);
  return org;
}
