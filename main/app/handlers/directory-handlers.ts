import type { MyRoles } from '../../../shared/app-api/app-api-contract';
import type { DirectoryService } from '../../directory/directory-service';
import type { createKnowledgeUploader } from '../../knowledge/knowledge-uploader';
import type { Outbox } from '../../outbox/outbox';
import type { DirectoryReplicaPort } from '../ports';
import type { HandlerGroup } from './handler-group';

export interface DirectoryHandlerParts {
  /** The signed-in account's replica, null while signed out (lists are empty then). */
  readonly replica: () => DirectoryReplicaPort | null;
  /** The signed-in account's replica, or an `unauthenticated` failure. */
  readonly requireReplica: () => DirectoryReplicaPort;
  readonly directory: DirectoryService;
  readonly outbox: Outbox;
  readonly uploadKnowledge: ReturnType<typeof createKnowledgeUploader>;
  /** Called after the outbox changed here, so the sync state shown stays current. */
  readonly outboxChanged: () => void;
}

const noRoles: MyRoles = { orgRole: null, projects: {}, workgroups: {} };

/** The directory: what the replica holds, REST calls through the policy check and the outbox, search, uploads. */
export function directoryHandlers(parts: DirectoryHandlerParts): HandlerGroup<'directory' | 'outbox' | 'search' | 'knowledge'> {
  const { directory, outbox } = parts;
  return {
    'directory.list': ({ kind, projectId }) => ({ items: parts.replica()?.list(kind, projectId) ?? [] }),
    'directory.myRoles': () => parts.replica()?.myRoles() ?? noRoles,
    'directory.request': (input) => directory.request(input),
    'outbox.list': () => outbox.list(),
    'outbox.discard': ({ id }) => {
      outbox.discard(id);
      parts.outboxChanged();
      return {};
    },
    'search.project': ({ projectId, query, limit }) => ({ hits: parts.requireReplica().search(projectId, query, limit) }),
    'knowledge.upload': (input) => parts.uploadKnowledge(input),
  };
}
