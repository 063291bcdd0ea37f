import type { PolicyFacts } from '../../shared/policy/decide-endpoint';
import { subjectOf, viewerContextOf } from '../../shared/policy/subject';
import type { RegistryEntryRef } from '../../shared/policy/visibility';
import type { SessionRecord } from '../session/session-record';
import type { DirectoryReplicaPort } from './ports';

/**
 * The caller as the client last knew them, for the client-side policy check: the effective roles
 * the replica fetched (the session's org role until it has), the workgroups holding each replicated
 * project, and the registry entries the replica holds.
 */
export function policyFactsOf(session: SessionRecord, replica: Pick<DirectoryReplicaPort, 'myRoles' | 'list' | 'get'> | null): PolicyFacts {
  const roles = replica?.myRoles();
  const subject = subjectOf({ userId: session.user.id, orgId: session.organization.id, credentialOrgRole: session.orgRole, reported: roles });
  const viewer = viewerContextOf(subject, roles, replica?.list('project') ?? []);
  return {
    viewer,
    entry(kind, id): RegistryEntryRef | undefined {
      if (replica === null) return undefined;
      if (kind === 'model') {
        const model = replica.get('model', id);
        return model && { kind, orgId: model.orgId, ownerId: model.ownerId, visibility: model.visibility, retired: false, isDefaultAgent: false };
      }
      const agent = replica.get('agent', id);
      return (
        agent && {
          kind,
          orgId: agent.orgId,
          ownerId: agent.ownerId,
          visibility: agent.visibility,
          retired: agent.status === 'retired',
          isDefaultAgent: agent.isDefault,
        }
      );
    },
  };
}
