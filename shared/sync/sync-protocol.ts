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

/** Codes after which reconnecting with the same credential cannot help. */
export const finalCloseCodes: readonly number[] = [closeCode.unauthenticated, closeCode.forbidden, closeCode.notFound];

/** The path the sync socket listens on: `/api/v1/sync/<document name>?token=...`. */
export const syncPathPrefix = '/api/v1/sync/';
