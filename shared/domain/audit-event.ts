import { z } from 'zod';
import { AuditEventId, EntityId, OrgId, ProjectId, UserId, entityKinds } from './ids';
import { Sha256Hex } from './sha256-hex';
import { Timestamp } from './timestamp';

/**
 * What an event is about: any entity, or a part of one that has no id of its own (a project's
 * config, a membership), named by the id of the thing it belongs to.
 */
export const auditResourceKinds = [
  ...entityKinds,
  'project-config',
  'org-membership',
  'project-membership',
  'workgroup-membership',
] as const;
export const AuditResourceKind = z.enum(auditResourceKinds);
export type AuditResourceKind = z.infer<typeof AuditResourceKind>;

/** Dotted verb phrases such as `project.update` or `api-key.revoke`, so logs can be filtered by prefix. */
export const AuditAction = z
  .string()
  .max(100)
  .regex(
    /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/,
    'must be dotted lowercase words such as project.update',
  );
export type AuditAction = z.infer<typeof AuditAction>;

/** Refused attempts are recorded too: they are often what an audit is looking for. */
export const auditOutcomes = ['allowed', 'denied', 'failed'] as const;
export const AuditOutcome = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditDetail = z.record(z.string().min(1).max(128), z.json());
export type AuditDetail = z.infer<typeof AuditDetail>;

/**
 * One entry of an organization's append-only log. `seq` counts from 1 within the organization and
 * `hash` covers the event together with `prevHash`, the previous event's hash, so removing or
 * editing any event breaks every hash after it.
 */
export const AuditEvent = z.strictObject({
  id: AuditEventId,
  seq: z.int().min(1),
  orgId: OrgId,
  /** `null` for the system itself, such as a scheduled expiry. */
  actorId: UserId.nullable(),
  action: AuditAction,
  resourceKind: AuditResourceKind,
  resourceId: EntityId.nullable(),
  projectId: ProjectId.nullable(),
  at: Timestamp,
  outcome: AuditOutcome,
  detail: AuditDetail.nullable(),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
  /**
   * Set when references the reader may not see were replaced by "a private entry": the hash then
   * covers the event as stored, not as shown, and is checked by the chain's links alone.
   */
  redacted: z.literal(true).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
