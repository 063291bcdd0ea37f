import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';

/*
 * v1 updates written byte by byte, for shapes no Yjs encoder writes: what a hostile client can send.
 * Layout: the number of clients; per client its struct count, id and first clock, then its structs;
 * then the delete set.
 */

export interface CraftedClient {
  readonly client: number;
  readonly clock: number;
  /** Each struct's bytes: its info byte, then what that info announces. */
  readonly structs: readonly (readonly number[])[];
}

export function craftUpdate(clients: readonly CraftedClient[], deleteSet: readonly number[] = [0]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients.length);
  for (const group of clients) {
    encoding.writeVarUint(encoder, group.structs.length);
    encoding.writeVarUint(encoder, group.client);
    encoding.writeVarUint(encoder, group.clock);
    for (const struct of group.structs) encoding.writeUint8Array(encoder, new Uint8Array(struct));
  }
  encoding.writeUint8Array(encoder, new Uint8Array(deleteSet));
  return encoding.toUint8Array(encoder);
}

/** A string as the update format writes it: its UTF-8 length, then its bytes. */
export function varString(value: string): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, value);
  return [...encoding.toUint8Array(encoder)];
}

/** A varuint as the update format writes it, for clients and clocks past 127. */
export function varUint(value: number): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return [...encoding.toUint8Array(encoder)];
}

const gcInfo = 0;
const skipInfo = 10;
const stringContent = 4;
const anyContent = 8;
const typeContent = 7;
const originFlag = 0x80;
const parentSubFlag = 0x20;

/** A range of `length` clocks sent as garbage-collected: Yjs integrates it as content that is gone. */
export function gc(length: number): number[] {
  return [gcInfo, ...varUint(length)];
}

/** A range of `length` clocks sent as skipped: Yjs integrates nothing of it, and holds back whatever follows. */
export function skip(length: number): number[] {
  return [skipInfo, ...varUint(length)];
}

/**
 * A single-client update (as `Y.encodeStateAsUpdate` writes one for new content) with a skip in
 * front of its structs, covering every clock before them: what Yjs writes for a replica that holds
 * the later content of a client but not the earlier.
 */
export function afterSkip(update: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) !== 1) throw new Error('expected an update of one client');
  const count = decoding.readVarUint(decoder);
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  if (clock === 0) throw new Error('nothing to skip: the update starts at clock 0');
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, count + 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0);
  encoding.writeUint8Array(encoder, new Uint8Array(skip(clock)));
  encoding.writeUint8Array(encoder, update.subarray(decoder.pos));
  return encoding.toUint8Array(encoder);
}

/** A string item placed right after `origin`. */
export function stringAfter(origin: { client: number; clock: number }, value = 'x'): number[] {
  return [stringContent | originFlag, ...varUint(origin.client), ...varUint(origin.clock), ...varString(value)];
}

/** A string item at the start of the root text `root`. */
export function stringInRoot(root: string, value = 'x'): number[] {
  return [stringContent, 1, ...varString(root), ...varString(value)];
}

/** Plain values set under `key` of the map held by item `parent`, with no origin: a first write, or one that replaces. */
export function valuesUnder(parent: { client: number; clock: number }, key: string, values: readonly number[]): number[] {
  return [anyContent | parentSubFlag, 0, ...varUint(parent.client), ...varUint(parent.clock), ...varString(key), ...values];
}

/** A new map under `key` of the map held by item `parent`. */
export function mapUnder(parent: { client: number; clock: number }, key: string): number[] {
  return [typeContent | parentSubFlag, 0, ...varUint(parent.client), ...varUint(parent.clock), ...varString(key), 1];
}

/** The id of the item holding a shared type, as any replica can read it. */
export function itemOf(type: { readonly _item: Y.Item | null }): { client: number; clock: number } {
  const item = type._item;
  if (item === null) throw new Error('a root type has no item');
  return { client: item.id.client, clock: item.id.clock };
}

/** An update's client entries as bytes, to splice into another: the update must hold exactly one client and no deletes. */
export function soleClientBytes(update: Uint8Array): Uint8Array {
  if (update[0] !== 1 || update.at(-1) !== 0) throw new Error('expected one client and an empty delete set');
  return update.slice(1, -1);
}
