import type { AuditEvent } from '../domain/audit-event';
import { idPrefixes } from '../domain/ids';
import { privateEntryLabel } from '../domain/private-reference';

/** The kinds an audit reader may be kept from: registry entries and their versions, conversations. */
export type PrivateKind = 'model' | 'model-version' | 'agent' | 'conversation';

const privateKinds: readonly PrivateKind[] = ['model', 'model-version', 'agent', 'conversation'];
const kindOfPrefix = new Map<string, PrivateKind>(privateKinds.map((kind) => [idPrefixes[kind], kind]));
const idPattern = /^([a-z]+)_[0-9a-z]{16,32}$/;

/** The kind of a private-able id, or `undefined` for any other value. */
function privateKindOf(value: string): PrivateKind | undefined {
  const prefix = idPattern.exec(value)?.[1];
  return prefix === undefined ? undefined : kindOfPrefix.get(prefix);
}

/** Answers whether the reader may see the entity `id` of `kind` now. */
export type CanSee = (kind: PrivateKind, id: string) => boolean;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function redactJson(value: Json, hidden: (id: string) => boolean): Json {
  if (typeof value === 'string') return hidden(value) ? privateEntryLabel : value;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, hidden));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactJson(item, hidden)]));
  }
  return value;
}

/**
 * An audit event as its reader may see it. An event about an entry or conversation they cannot
 * see keeps who did what and when, but not which one: its id and its detail (a name, a title)
 * give way to "a private entry". Elsewhere in the detail, each id of something they cannot see is
 * replaced the same way. A changed event is marked `redacted`: its hash no longer covers what is
 * shown, so a verifier checks it by its links alone.
 */
export function redactAuditEvent(event: AuditEvent, canSee: CanSee): AuditEvent {
  const hidden = (value: string) => {
    const kind = privateKindOf(value);
    return kind !== undefined && !canSee(kind, value);
  };
  if (event.resourceId !== null && hidden(event.resourceId)) {
    return { ...event, resourceId: null, detail: { resource: privateEntryLabel }, redacted: true };
  }
  if (event.detail === null) return event;
  const detail = redactJson(event.detail as Json, hidden) as AuditEvent['detail'];
  return JSON.stringify(detail) === JSON.stringify(event.detail) ? event : { ...event, detail, redacted: true };
}
