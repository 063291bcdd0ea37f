import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/*
 * Every use of Yjs beyond its documented API lives in this module: the fields of decoded structs
 * (`parent`, `parentSub`, `origin`, `content`), the struct store of a live document, and the item
 * behind a shared type. Yjs is pinned to 13.6 because of it; `yjs-internals.test.ts` pins the
 * behaviour each function relies on, so an upgrade that changes it fails there first.
 */

export interface StructId {
  readonly client: number;
  readonly clock: number;
}

/** Where an item sits when its update says so explicitly (no origins to infer it from). */
export type ExplicitParent = { readonly root: string } | { readonly item: StructId };

export type ItemContent =
  | { readonly kind: 'any'; readonly values: readonly unknown[] }
  | { readonly kind: 'type'; readonly type: 'map' | 'array' | 'text' | 'xml' }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'format' | 'embed' | 'binary' | 'json' | 'doc' };

/** One item of an update, as it was sent: origins as ids, the parent only when both origins are absent. */
export interface DecodedItem {
  readonly id: StructId;
  readonly length: number;
  readonly origin: StructId | null;
  readonly rightOrigin: StructId | null;
  readonly parent: ExplicitParent | null;
  readonly parentSub: string | null;
  readonly content: ItemContent;
}

export interface ClockRange {
  readonly client: number;
  readonly clock: number;
  readonly length: number;
}

/**
 * A range sent as garbage-collected or skipped; neither creates content. Yjs integrates a
 * garbage-collected range, which takes its clocks; it never integrates a skipped one, so the
 * client's clock stays where it was and whatever the update holds after it waits as pending.
 */
export interface DecodedVoid {
  readonly id: StructId;
  readonly length: number;
  readonly content: null;
  readonly skipped: boolean;
}

export type DecodedStruct = DecodedItem | DecodedVoid;

/** The structs one client writes in an update, in clock order: consecutive, none of them empty. */
export interface ClientStructs {
  readonly client: number;
  readonly structs: readonly DecodedStruct[];
}

export interface DecodedUpdate {
  /** One entry per client: an update naming a client twice is malformed. */
  readonly clients: readonly ClientStructs[];
  readonly deletes: readonly ClockRange[];
}

export class MalformedUpdate extends Error {}

/** Yjs's type references in the update format (`typeRefs` in 13.6): array, map, text, then four XML types. */
const typeKinds = ['array', 'map', 'text', 'xml', 'xml', 'xml', 'xml'] as const satisfies readonly ('map' | 'array' | 'text' | 'xml')[];
const xmlElementRef = 3;
const xmlHookRef = 5;
/** Struct info bytes: 0 is garbage-collected, 10 skipped; otherwise the low five bits name the content. */
const gcInfo = 0;
const skipInfo = 10;
const contentBits = 0b11111;
const hasOrigin = 0b1000_0000;
const hasRightOrigin = 0b0100_0000;
const hasParentSub = 0b0010_0000;

/** Strings up to this many bytes are read byte by byte when they are ASCII: a text decoder call costs more than that. */
const shortString = 32;

/**
 * A string as `decoding.readVarString` reads it (UTF-8, invalid sequences replaced), taking the
 * short way for the short ASCII strings that most of an update's keys and typed text are.
 */
function readString(decoder: decoding.Decoder): string {
  const start = decoder.pos;
  const length = decoding.readVarUint(decoder);
  const bytes = decoder.arr;
  const end = decoder.pos + length;
  if (length <= shortString && end <= bytes.length) {
    let text = '';
    let index = decoder.pos;
    for (; index < end; index++) {
      const byte = bytes[index] as number;
      if (byte >= 0x80) break;
      text += String.fromCharCode(byte);
    }
    if (index === end) {
      decoder.pos = end;
      return text;
    }
  }
  decoder.pos = start;
  return decoding.readVarString(decoder);
}

function readId(decoder: decoding.Decoder): StructId {
  const client = decoding.readVarUint(decoder);
  return { client, clock: decoding.readVarUint(decoder) };
}

/** An item's content as Yjs 13.6 reads it (`contentRefs`), with its length in clocks. */
function readContent(decoder: decoding.Decoder, ref: number): { content: ItemContent; length: number } {
  switch (ref) {
    case 1:
      return { content: { kind: 'deleted' }, length: decoding.readVarUint(decoder) };
    case 2: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) decoding.readVarString(decoder);
      return { content: { kind: 'json' }, length: count };
    }
    case 3:
      decoding.readVarUint8Array(decoder);
      return { content: { kind: 'binary' }, length: 1 };
    case 4: {
      const text = readString(decoder);
      return { content: { kind: 'string', text }, length: text.length };
    }
    case 5:
      decoding.readVarString(decoder);
      return { content: { kind: 'embed' }, length: 1 };
    case 6:
      decoding.readVarString(decoder);
      decoding.readVarString(decoder);
      return { content: { kind: 'format' }, length: 1 };
    case 7: {
      const typeRef = decoding.readVarUint(decoder);
      const type = typeKinds[typeRef];
      if (type === undefined) throw new MalformedUpdate(`unknown type reference ${typeRef}`);
      if (typeRef === xmlElementRef || typeRef === xmlHookRef) decoding.readVarString(decoder);
      return { content: { kind: 'type', type }, length: 1 };
    }
    case 8: {
      const count = decoding.readVarUint(decoder);
      const values: unknown[] = [];
      for (let i = 0; i < count; i++) values.push(decoding.readAny(decoder) as unknown);
      return { content: { kind: 'any', values }, length: count };
    }
    case 9:
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return { content: { kind: 'doc' }, length: 1 };
    default:
      throw new MalformedUpdate(`unknown content reference ${ref}`);
  }
}

/** An item refers to items of its own client that exist before it: an origin or parent at its clock or later cannot be integrated. */
function checkOwnReference(item: StructId, reference: StructId | null, what: string): void {
  if (reference !== null && reference.client === item.client && reference.clock >= item.clock) {
    throw new MalformedUpdate(`an item's ${what} is not older than the item`);
  }
}

function readStruct(decoder: decoding.Decoder, client: number, clock: number): DecodedStruct {
  if (decoder.pos >= decoder.arr.length) throw new MalformedUpdate('the update ends inside a struct');
  const info = decoding.readUint8(decoder);
  const id = { client, clock };
  if (info === gcInfo || info === skipInfo) return { id, length: decoding.readVarUint(decoder), content: null, skipped: info === skipInfo };
  const origin = (info & hasOrigin) === 0 ? null : readId(decoder);
  const rightOrigin = (info & hasRightOrigin) === 0 ? null : readId(decoder);
  let parent: ExplicitParent | null = null;
  let parentSub: string | null = null;
  if (origin === null && rightOrigin === null) {
    parent = decoding.readVarUint(decoder) === 1 ? { root: readString(decoder) } : { item: readId(decoder) };
    if ((info & hasParentSub) !== 0) parentSub = readString(decoder);
  }
  const { content, length } = readContent(decoder, info & contentBits);
  checkOwnReference(id, origin, 'left neighbour');
  checkOwnReference(id, rightOrigin, 'right neighbour');
  checkOwnReference(id, parent !== null && 'item' in parent ? parent.item : null, 'parent');
  return { id, length, origin, rightOrigin, parent, parentSub, content };
}

/**
 * Reads a v1 update straight from its bytes, as Yjs 13.6 would apply it, without building Yjs's
 * own structs. Stricter than Yjs where Yjs would misbehave: a client named twice (Yjs applies only
 * the last, while a check of the first would pass), an empty struct (Yjs integrates it without
 * advancing the clock), references to an item's own future, unknown struct kinds and trailing
 * bytes are all malformed, and so is anything truncated. Yjs's own encoders never write any of them.
 */
export function decodeUpdateForInspection(update: Uint8Array): DecodedUpdate {
  const decoder = decoding.createDecoder(update);
  try {
    const clients: ClientStructs[] = [];
    const seen = new Set<number>();
    const groups = decoding.readVarUint(decoder);
    for (let g = 0; g < groups; g++) {
      const count = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      if (seen.has(client)) throw new MalformedUpdate(`client ${client} appears twice`);
      if (count === 0) throw new MalformedUpdate(`client ${client} has no structs`);
      seen.add(client);
      const structs: DecodedStruct[] = [];
      for (let i = 0; i < count; i++) {
        const struct = readStruct(decoder, client, clock);
        if (struct.length === 0) throw new MalformedUpdate('a struct is empty');
        structs.push(struct);
        clock += struct.length;
      }
      clients.push({ client, structs });
    }
    const deletes: ClockRange[] = [];
    const deleteClients = decoding.readVarUint(decoder);
    for (let c = 0; c < deleteClients; c++) {
      const client = decoding.readVarUint(decoder);
      const ranges = decoding.readVarUint(decoder);
      for (let r = 0; r < ranges; r++) {
        const clock = decoding.readVarUint(decoder);
        deletes.push({ client, clock, length: decoding.readVarUint(decoder) });
      }
    }
    if (decoding.hasContent(decoder)) throw new MalformedUpdate('bytes follow the delete set');
    return { clients, deletes };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MalformedUpdate(`The update cannot be decoded: ${reason}`);
  }
}

/** The next clock the document expects from `client`: everything below it is known. */
export function documentClock(doc: Y.Doc, client: number): number {
  return Y.getState(doc.store, client);
}

/** A struct of a live document, seen through the facts the guard needs. */
export interface LiveStruct {
  readonly id: StructId;
  readonly length: number;
  readonly gc: boolean;
  readonly deleted: boolean;
  /** The containing type: a root by name or the item that holds it; undefined for GC structs. */
  readonly parent: ExplicitParent | undefined;
  readonly parentSub: string | null;
  readonly content: ItemContent | undefined;
}

/** Only the plain shared types count as such: an XML text or hook is no text or map, whatever it extends. */
function liveTypeKind(type: unknown): 'map' | 'array' | 'text' | 'xml' {
  const constructor = (type as object).constructor;
  if (constructor === Y.Map) return 'map';
  if (constructor === Y.Array) return 'array';
  if (constructor === Y.Text) return 'text';
  return 'xml';
}

/** What a Yjs item holds, in the guard's terms: the same reading for a live item and for one Yjs decoded. */
export function contentOfItem(content: Y.Item['content']): ItemContent {
  if (content instanceof Y.ContentAny) return { kind: 'any', values: content.arr };
  if (content instanceof Y.ContentType) return { kind: 'type', type: liveTypeKind(content.type) };
  if (content instanceof Y.ContentString) return { kind: 'string', text: content.str };
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (content instanceof Y.ContentFormat) return { kind: 'format' };
  if (content instanceof Y.ContentEmbed) return { kind: 'embed' };
  if (content instanceof Y.ContentBinary) return { kind: 'binary' };
  if (content instanceof Y.ContentJSON) return { kind: 'json' };
  return { kind: 'doc' };
}

function liveParent(type: Y.AbstractType<unknown>): ExplicitParent {
  const holder = type._item;
  if (holder === null) return { root: Y.findRootTypeKey(type) };
  return { item: { client: holder.id.client, clock: holder.id.clock } };
}

function toLive(struct: Y.Item | Y.GC): LiveStruct {
  if (!(struct instanceof Y.Item)) {
    return { id: { client: struct.id.client, clock: struct.id.clock }, length: struct.length, gc: true, deleted: true, parent: undefined, parentSub: null, content: undefined };
  }
  const parent = struct.parent;
  return {
    id: { client: struct.id.client, clock: struct.id.clock },
    length: struct.length,
    gc: false,
    deleted: struct.deleted,
    parent: parent instanceof Y.AbstractType ? liveParent(parent) : undefined,
    parentSub: struct.parentSub,
    content: contentOfItem(struct.content),
  };
}

/** The live struct containing clock `clock` of `client`, found by binary search: its cost follows log(n). */
export function findLiveStruct(doc: Y.Doc, id: StructId): LiveStruct | undefined {
  const structs = doc.store.clients.get(id.client);
  if (structs === undefined || id.clock >= documentClock(doc, id.client)) return undefined;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return struct === undefined ? undefined : toLive(struct);
}

/** Every live struct overlapping a deleted range, in clock order. */
export function liveStructsInRange(doc: Y.Doc, range: ClockRange): LiveStruct[] {
  const structs = doc.store.clients.get(range.client);
  if (structs === undefined) return [];
  const end = Math.min(range.clock + range.length, documentClock(doc, range.client));
  const found: LiveStruct[] = [];
  if (range.clock >= end) return found;
  for (let index = Y.findIndexSS(structs, range.clock); index < structs.length; index++) {
    const struct = structs[index];
    if (struct === undefined || struct.id.clock >= end) break;
    found.push(toLive(struct));
  }
  return found;
}

/** The shared type held by a live item (a map, array or text), to read its current values. */
export function liveTypeOf(doc: Y.Doc, id: StructId): Y.AbstractType<unknown> | undefined {
  const structs = doc.store.clients.get(id.client);
  if (structs === undefined || id.clock >= documentClock(doc, id.client)) return undefined;
  const struct = structs[Y.findIndexSS(structs, id.clock)];
  return struct instanceof Y.Item && struct.content instanceof Y.ContentType ? struct.content.type : undefined;
}

/** The item holding a shared type, or undefined for a root type. */
export function itemIdOfType(type: { readonly _item: Y.Item | null }): StructId | undefined {
  const holder = type._item;
  return holder === null ? undefined : { client: holder.id.client, clock: holder.id.clock };
}

/**
 * The items a transaction added directly into `parent` and did not delete again, found from the
 * clocks it wrote (its state before and after): the cost follows the size of the transaction, not
 * of `parent`, where a Yjs event's `changes` walks the whole of it. Call from an observer, once
 * the transaction's state after is known.
 */
export function itemsAddedTo(transaction: Y.Transaction, parent: object): Y.Item[] {
  const added: Y.Item[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = transaction.doc.store.clients.get(client);
    if (after <= before || structs === undefined) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index] as Y.Item | Y.GC;
      if (struct.id.clock >= after) break;
      if (struct instanceof Y.Item && struct.parent === parent && !struct.deleted) added.push(struct);
    }
  }
  return added;
}

/** Whether a transaction deleted an item placed directly in `parent` before it (one it added and deleted again does not count). */
export function deletedFrom(transaction: Y.Transaction, parent: object): boolean {
  let found = false;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent === parent && struct.id.clock < (transaction.beforeState.get(struct.id.client) ?? 0)) found = true;
  });
  return found;
}
