/*
 * The sync socket speaks y-websocket's protocol (y-protocols sync and awareness messages) plus
 * two messages of Quorum's own, and closes with codes a client can act on.
 */

/** Message types: 0–3 are y-websocket's, 100 and up are Quorum's. */
export const messageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Server → client, after updates are durably stored: `[100][state vector]`, the stored state of
   * the document. A client keeps each local update until this covers it.
   */
  stored: 100,
  /**
   * Server → client, when an update is refused: `[101][reason string]`. The refused update stays in
   * the client's copy and would be offered again on every sync, so the client must rebuild this
   * document from the server's state under a new Yjs client id, and tell the user what was lost.
   */
  refused: 101,
  /**
   * Server → client, on every document socket of a user whose organization's change feed advanced:
   * `[102][cursor][access 0|1]`. The client pulls the feed now instead of on a timer.
   */
  directoryChanged: 102,
} as const;

/** WebSocket close codes (4000–4999 are for applications). */
export const closeCode = {
  /** A frame that is not a protocol message: text, truncated, unknown type. */
  malformed: 4400,
  /** No valid session token or API key, or it expired or was revoked while connected. */
  unauthenticated: 4401,
  /** The document exists but the user may not read it (any more). */
  forbidden: 4403,
  /** No such document, or one the user may not know of. */
  notFound: 4404,
  /** A frame larger than the server accepts. */
  tooLarge: 4413,
  /** Too many messages in too short a time. */
  rateLimited: 4429,
  /** The server is shutting down or unloading the document; reconnect later. */
  goingAway: 1001,
} as const;

export type CloseCode = (typeof closeCode)[keyof typeof closeCode];

/**
 * What a client does after a close: `retry` after its backoff; `unauthenticated`: stop every
 * document until the credential changes; `revoked`: access ended, drop the local copy and stay
 * away; `refused`: resending the same change cannot help, so treat it as a refusal and rebuild.
 */
export type CloseMeaning = 'retry' | 'unauthenticated' | 'revoked' | 'refused';

interface CloseRule {
  readonly meaning: CloseMeaning;
  /** Reconnecting with the same credential cannot help. */
  readonly final: boolean;
}

/** Every close code the server sends, and what it means to a client. Codes not listed mean `retry`. */
export const closeRules: Readonly<Record<CloseCode, CloseRule>> = {
  [closeCode.malformed]: { meaning: 'retry', final: false },
  [closeCode.unauthenticated]: { meaning: 'unauthenticated', final: true },
  [closeCode.forbidden]: { meaning: 'revoked', final: true },
  [closeCode.notFound]: { meaning: 'revoked', final: true },
  [closeCode.tooLarge]: { meaning: 'refused', final: false },
  [closeCode.rateLimited]: { meaning: 'retry', final: false },
  [closeCode.goingAway]: { meaning: 'retry', final: false },
};

const retry: CloseRule = { meaning: 'retry', final: false };
const rulesByCode = new Map<number, CloseRule>(Object.entries(closeRules).map(([code, rule]) => [Number(code), rule]));

/** The rule for a close code; `null` (the connection failed or dropped without a code) means retry. */
export function closeRule(code: number | null): CloseRule {
  if (code === null) return retry;
  return rulesByCode.get(code) ?? retry;
}

/** The path the sync socket listens on: `/api/v1/sync/<document name>?token=...`. */
export const syncPathPrefix = '/api/v1/sync/';
