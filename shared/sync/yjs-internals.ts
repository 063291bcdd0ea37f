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

export interface DecodedUpdate {
  readonly items: readonly DecodedItem[];
  /** Ranges sent as garbage-collected or skipped: they create no content. */
  readonly voids: readonly ClockRange[];
  readonly deletes: readonly ClockRange[];
}

export class MalformedUpdate extends Error {}

function typeKind(type: unknown): 'map' | 'array' | 'text' | 'xml' {
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  if (type instanceof Y.Text) return 'text';
  return 'xml';
}

function contentOf(content: unknown): ItemContent {
  if (content instanceof Y.ContentAny) return { kind: 'any', values: content.arr };
  if (content instanceof Y.ContentType) return { kind: 'type', type: typeKind(content.type) };
  if (content instanceof Y.ContentString) return { kind: 'string', text: content.str };
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (content instanceof Y.ContentFormat) return { kind: 'format' };
  if (content instanceof Y.ContentEmbed) return { kind: 'embed' };
  if (content instanceof Y.ContentBinary) return { kind: 'binary' };
  if (content instanceof Y.ContentJSON) return { kind: 'json' };
  return { kind: 'doc' };
}

const idOf = (id: Y.ID | null): StructId | null => (id === null ? null : { client: id.client, clock: id.clock });

/**
 * Decodes a v1 update without applying it. Anything the decoder cannot read (truncated varints,
 * unknown content references, lengths past the end) becomes a `MalformedUpdate`.
 */
export function decodeUpdateForInspection(update: Uint8Array): DecodedUpdate {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new MalformedUpdate(`The update cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items: DecodedItem[] = [];
  const voids: ClockRange[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item) {
      const parent = struct.parent as unknown;
      items.push({
        id: { client: struct.id.client, clock: struct.id.clock },
        length: struct.length,
        origin: idOf(struct.origin),
        rightOrigin: idOf(struct.rightOrigin),
        parent:
          typeof parent === 'string'
            ? { root: parent }
            : parent instanceof Y.ID
              ? { item: { client: parent.client, clock: parent.clock } }
              : null,
        parentSub: struct.parentSub,
        content: contentOf(struct.content),
      });
    } else {
      voids.push({ client: struct.id.client, clock: struct.id.clock, length: struct.length });
    }
  }
  const deletes: ClockRange[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) deletes.push({ client, clock: range.clock, length: range.len });
  }
  return { items, voids, deletes };
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
    content: contentOf(struct.content),
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
