import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageType } from './sync-protocol';

/*
 * The sync socket's frames, written and read in one place for the server, the desktop app and the
 * tests. Payloads stay bytes: whoever applies an update or a state vector decodes it, where a
 * malformed one can be answered (the server closes that socket with 4400).
 */

export type SyncMessage =
  /** "Here is my state vector; send me what I lack." */
  | { readonly type: 'sync-step-1'; readonly stateVector: Uint8Array }
  /** The answer to step 1: everything the asker lacks, as one update. */
  | { readonly type: 'sync-step-2'; readonly update: Uint8Array }
  /** A change made live. */
  | { readonly type: 'update'; readonly update: Uint8Array }
  /** Presence states (y-protocols awareness update). */
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  /** "Send me everyone's presence." */
  | { readonly type: 'query-awareness' }
  /** Server → client: the document's state vector once everything received so far is stored. */
  | { readonly type: 'stored'; readonly stateVector: Uint8Array }
  /** Server → client: an update was refused, and why; the client rebuilds the document. */
  | { readonly type: 'refused'; readonly reason: string }
  /**
   * Server → client: the organization's change feed advanced to `cursor`, and whether a change in
   * it touched who may do what (memberships, roles), so the client pulls the feed now and re-reads
   * its access only when it must.
   */
  | { readonly type: 'directory-changed'; readonly cursor: number; readonly access: boolean };

/** A frame that is not a protocol message: cut short, an unknown type or step, or bytes left over. */
export class MalformedSyncMessage extends Error {
  override readonly name = 'MalformedSyncMessage';
}

/** Sync steps inside message type 0 (y-protocols' numbering). */
const syncStep = { one: 0, two: 1, update: 2 } as const;

export function encodeSyncMessage(message: SyncMessage): Uint8Array {
  const e = encoding.createEncoder();
  switch (message.type) {
    case 'sync-step-1':
      encoding.writeVarUint(e, messageType.sync);
      encoding.writeVarUint(e, syncStep.one);
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case 'sync-step-2':
    case 'update':
      encoding.writeVarUint(e, messageType.sync);
      encoding.writeVarUint(e, message.type === 'update' ? syncStep.update : syncStep.two);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'awareness':
      encoding.writeVarUint(e, messageType.awareness);
      encoding.writeVarUint8Array(e, message.update);
      break;
    case 'query-awareness':
      encoding.writeVarUint(e, messageType.queryAwareness);
      break;
    case 'stored':
      encoding.writeVarUint(e, messageType.stored);
      encoding.writeVarUint8Array(e, message.stateVector);
      break;
    case 'refused':
      encoding.writeVarUint(e, messageType.refused);
      encoding.writeVarString(e, message.reason);
      break;
    case 'directory-changed':
      encoding.writeVarUint(e, messageType.directoryChanged);
      encoding.writeVarUint(e, message.cursor);
      encoding.writeVarUint(e, message.access ? 1 : 0);
      break;
  }
  return encoding.toUint8Array(e);
}

/** The message type number a message travels under. */
export function wireType(message: SyncMessage): number {
  switch (message.type) {
    case 'sync-step-1':
    case 'sync-step-2':
    case 'update':
      return messageType.sync;
    case 'awareness':
      return messageType.awareness;
    case 'query-awareness':
      return messageType.queryAwareness;
    case 'stored':
      return messageType.stored;
    case 'refused':
      return messageType.refused;
    case 'directory-changed':
      return messageType.directoryChanged;
  }
}

function read(bytes: Uint8Array): SyncMessage {
  const d = decoding.createDecoder(bytes);
  const type = decoding.readVarUint(d);
  let message: SyncMessage;
  switch (type) {
    case messageType.sync: {
      const step = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (step === syncStep.one) message = { type: 'sync-step-1', stateVector: payload };
      else if (step === syncStep.two) message = { type: 'sync-step-2', update: payload };
      else if (step === syncStep.update) message = { type: 'update', update: payload };
      else throw new MalformedSyncMessage('unknown sync step');
      break;
    }
    case messageType.awareness:
      message = { type: 'awareness', update: decoding.readVarUint8Array(d) };
      break;
    case messageType.queryAwareness:
      message = { type: 'query-awareness' };
      break;
    case messageType.stored:
      message = { type: 'stored', stateVector: decoding.readVarUint8Array(d) };
      break;
    case messageType.refused:
      message = { type: 'refused', reason: decoding.readVarString(d) };
      break;
    case messageType.directoryChanged: {
      const cursor = decoding.readVarUint(d);
      message = { type: 'directory-changed', cursor, access: decoding.readVarUint(d) === 1 };
      break;
    }
    default:
      throw new MalformedSyncMessage(`message type ${String(type)} is not part of the protocol`);
  }
  if (decoding.hasContent(d)) throw new MalformedSyncMessage('bytes follow the message');
  return message;
}

/** Reads one frame; throws `MalformedSyncMessage` for anything that is not exactly one message. */
export function decodeSyncMessage(bytes: Uint8Array): SyncMessage {
  try {
    return read(bytes);
  } catch (error) {
    if (error instanceof MalformedSyncMessage) throw error;
    throw new MalformedSyncMessage('the message is cut short');
  }
}
