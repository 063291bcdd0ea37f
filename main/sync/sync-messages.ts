import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageType, syncPathPrefix } from '../../shared/sync/sync-protocol';

/** The sync socket's base address for a server's http(s) address: the provider appends the document name. */
export function syncSocketUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '').replace(/^http/, 'ws')}${syncPathPrefix.replace(/\/$/, '')}`;
}

/** `[0][step 1][state vector]`: the server answers with step 2, but only once all it was sent before is stored. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** The sync step of a sync message, read without moving the decoder. */
export function peekSyncStep(decoder: decoding.Decoder): number {
  return decoding.peekVarUint(decoder);
}

/** The body of a `stored` message: the server's stored state vector. */
export function readStoredStateVector(decoder: decoding.Decoder): Map<number, number> {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

/** The body of a `refused` message: why. */
export function readRefusalReason(decoder: decoding.Decoder): string {
  return decoding.readVarString(decoder);
}

/** The body of a `directory-changed` message: the feed's new cursor, and whether the reader's own access changed. */
export function readDirectoryNotice(decoder: decoding.Decoder): { cursor: number; access: boolean } {
  const cursor = decoding.readVarUint(decoder);
  return { cursor, access: decoding.readVarUint(decoder) === 1 };
}
