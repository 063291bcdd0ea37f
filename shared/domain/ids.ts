import { z } from 'zod';

/**
 * Id prefixes by entity kind. The prefix makes an id self-describing in logs, URLs and audit
 * events, and lets a schema refuse a project id where a user id belongs.
 */
export const idPrefixes = {
  organization: 'org',
  user: 'usr',
  'api-key': 'key',
  invitation: 'inv',
  workgroup: 'wg',
  project: 'prj',
  model: 'mdl',
  'model-version': 'mver',
  agent: 'agt',
  conversation: 'cnv',
  message: 'msg',
  'audit-event': 'aud',
  'knowledge-base': 'kb',
  'knowledge-document': 'kbd',
  run: 'run',
  connection: 'conn',
} as const;

export const entityKinds = Object.keys(idPrefixes) as [
  keyof typeof idPrefixes,
  ...(keyof typeof idPrefixes)[],
];
export const EntityKind = z.enum(entityKinds);
export type EntityKind = z.infer<typeof EntityKind>;

export type IdPrefix = (typeof idPrefixes)[EntityKind];

const idBody = '[0-9a-z]{16,32}';

/** The schema for ids of one kind: `<prefix>_` followed by 16 to 32 lowercase letters or digits. */
export function entityId(prefix: IdPrefix): z.ZodString {
  return z
    .string()
    .regex(
      new RegExp(`^${prefix}_${idBody}$`),
      `must be an id of the form ${prefix}_ followed by 16 to 32 lowercase letters or digits`,
    );
}

const anyPrefix = Object.values(idPrefixes).join('|');

/** An id of any known kind, for fields such as an audit event's resource that may point anywhere. */
export const EntityId = z
  .string()
  .regex(
    new RegExp(`^(?:${anyPrefix})_${idBody}$`),
    'must be an id: a known prefix such as prj_ followed by 16 to 32 lowercase letters or digits',
  );
export type EntityId = z.infer<typeof EntityId>;

export const OrgId = entityId(idPrefixes.organization);
export type OrgId = z.infer<typeof OrgId>;
export const UserId = entityId(idPrefixes.user);
export type UserId = z.infer<typeof UserId>;
export const ApiKeyId = entityId(idPrefixes['api-key']);
export type ApiKeyId = z.infer<typeof ApiKeyId>;
export const InvitationId = entityId(idPrefixes.invitation);
export type InvitationId = z.infer<typeof InvitationId>;
export const WorkgroupId = entityId(idPrefixes.workgroup);
export type WorkgroupId = z.infer<typeof WorkgroupId>;
export const ProjectId = entityId(idPrefixes.project);
export type ProjectId = z.infer<typeof ProjectId>;
export const ModelEntryId = entityId(idPrefixes.model);
export type ModelEntryId = z.infer<typeof ModelEntryId>;
export const ModelVersionId = entityId(idPrefixes['model-version']);
export type ModelVersionId = z.infer<typeof ModelVersionId>;
export const AgentEntryId = entityId(idPrefixes.agent);
export type AgentEntryId = z.infer<typeof AgentEntryId>;
export const ConversationId = entityId(idPrefixes.conversation);
export type ConversationId = z.infer<typeof ConversationId>;
export const MessageId = entityId(idPrefixes.message);
export type MessageId = z.infer<typeof MessageId>;
export const AuditEventId = entityId(idPrefixes['audit-event']);
export type AuditEventId = z.infer<typeof AuditEventId>;
export const KnowledgeBaseId = entityId(idPrefixes['knowledge-base']);
export type KnowledgeBaseId = z.infer<typeof KnowledgeBaseId>;
export const KnowledgeDocumentId = entityId(idPrefixes['knowledge-document']);
export type KnowledgeDocumentId = z.infer<typeof KnowledgeDocumentId>;
export const RunId = entityId(idPrefixes.run);
export type RunId = z.infer<typeof RunId>;
export const ConnectionId = entityId(idPrefixes.connection);
export type ConnectionId = z.infer<typeof ConnectionId>;
