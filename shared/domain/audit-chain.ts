import type { AuditEvent } from './audit-event';
import type { Sha256Hex } from './sha256-hex';

/** The `prevHash` of an organization's first event. */
export const auditGenesisHash: Sha256Hex = '0'.repeat(64);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// Keys sorted at every level: the server that writes the chain and any tool that verifies an
// export must hash exactly the same text.
function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The text whose SHA-256 is the event's `hash`: every field but the hash, canonically encoded. */
export function auditHashInput(event: Omit<AuditEvent, 'hash'>): string {
  const { id, seq, orgId, actorId, action, resourceKind, resourceId, projectId, at, outcome, detail, prevHash } =
    event;
  return canonicalJson({
    id,
    seq,
    orgId,
    actorId,
    action,
    resourceKind,
    resourceId,
    projectId,
    at,
    outcome,
    detail,
    prevHash,
  });
}

export type AuditChainCheck =
  | { ok: true }
  | { ok: false; seq: number; problem: 'sequence-gap' | 'broken-link' | 'hash-mismatch' };

/**
 * Checks a run of consecutive events: numbering, links, and each event's hash (except for events
 * marked redacted, whose hash covers what the reader was not shown). The hash function is passed in because hashing lives with
 * the platform (node:crypto, WebCrypto), not in shared code. `after` is the event just before the
 * run, or omitted when the run starts at the beginning of the log.
 */
export function verifyAuditChain(
  events: readonly AuditEvent[],
  sha256: (text: string) => Sha256Hex,
  after?: { seq: number; hash: Sha256Hex },
): AuditChainCheck {
  let previous = after ?? { seq: 0, hash: auditGenesisHash };
  for (const event of events) {
    if (event.seq !== previous.seq + 1) return { ok: false, seq: event.seq, problem: 'sequence-gap' };
    if (event.prevHash !== previous.hash) return { ok: false, seq: event.seq, problem: 'broken-link' };
    // A redacted event no longer holds what was hashed; its place in the chain is still checked.
    if (event.redacted !== true && sha256(auditHashInput(event)) !== event.hash) {
      return { ok: false, seq: event.seq, problem: 'hash-mismatch' };
    }
    previous = event;
  }
  return { ok: true };
}
