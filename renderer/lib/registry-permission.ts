import type { MyRoles, SessionState } from '../../shared/app-api/app-api-contract';
import type { AgentEntry } from '../../shared/domain/agent-entry';
import type { ModelEntry } from '../../shared/domain/model-entry';
import type { Project } from '../../shared/domain/project';
import type { PolicyFacts } from '../../shared/policy/decide-endpoint';
import type { EndpointRequest } from '../../shared/rest/endpoint-access';
import { decideEndpoint } from '../../shared/policy/decide-endpoint';
import type { EndpointKey } from '../../shared/rest/api-contract';
import { isMember, viewerContextOf } from '../../shared/policy/subject';
import type { RegistryEntryRef, ViewerContext } from '../../shared/policy/visibility';
import { callerSubject } from './caller-subject';

/** The registry entries a view holds, for the policy's questions about one of them. */
export interface KnownEntries {
  readonly models?: readonly ModelEntry[];
  readonly agents?: readonly AgentEntry[];
}

function modelRef(model: ModelEntry): RegistryEntryRef {
  return { kind: 'model', orgId: model.orgId, ownerId: model.ownerId, visibility: model.visibility, retired: false, isDefaultAgent: false };
}

function agentRef(agent: AgentEntry): RegistryEntryRef {
  return {
    kind: 'agent',
    orgId: agent.orgId,
    ownerId: agent.ownerId,
    visibility: agent.visibility,
    retired: agent.status === 'retired',
    isDefaultAgent: agent.isDefault,
  };
}

/** The caller as main builds them for its own check before a request leaves: the same facts, so both agree. */
export function viewerOf(session: SessionState | null, roles: MyRoles, projects: readonly Project[]): ViewerContext | null {
  const subject = callerSubject(session, roles);
  return subject !== null && isMember(subject) ? viewerContextOf(subject, roles, projects) : null;
}

/**
 * Why the caller may not send this registry request, or null when they may: `decideEndpoint`, the
 * check main runs before the request leaves the machine, over what this view knows.
 */
export function registryDenial(viewer: ViewerContext | null, endpoint: EndpointKey, request: EndpointRequest, known: KnownEntries = {}): string | null {
  if (viewer === null) return 'Sign in first';
  const facts: PolicyFacts = {
    viewer,
    entry(kind, id) {
      if (kind === 'model') {
        const model = known.models?.find((m) => m.id === id);
        return model && modelRef(model);
      }
      const agent = known.agents?.find((a) => a.id === id);
      return agent && agentRef(agent);
    },
  };
  const decision = decideEndpoint(endpoint, request, facts);
  return decision.allowed ? null : decision.reason;
}
