import type * as Y from 'yjs';
import type { DecodedItem, ExplicitParent, ItemContent, LiveStruct, StructId } from './yjs-internals';
import { decodeUpdateForInspection, documentClock, findLiveStruct, liveStructsInRange, liveTypeOf, MalformedUpdate } from './yjs-internals';

/**
 * One step below a root type: the item at that step and, for a map entry, its key (`null` for a
 * sequence element such as a message in an array or a character in a text).
 */
export interface PathStep {
  readonly key: string | null;
  readonly id: StructId;
}

/** Where an item sits: the root type's name and the steps down to the item itself. */
export interface Location {
  readonly root: string;
  readonly steps: readonly PathStep[];
}

export interface Insertion {
  readonly id: StructId;
  readonly location: Location;
  readonly content: ItemContent;
}

export interface Deletion {
  readonly id: StructId;
  readonly location: Location;
  readonly content: ItemContent | undefined;
}

/**
 * What an update would do to a document: the items it adds, where each one lands, and the
 * existing items it deletes, where each one sits. Items that Yjs would discard (already known, or
 * placed next to garbage-collected content) are left out.
 */
export interface Inspection {
  readonly insertions: readonly Insertion[];
  readonly deletions: readonly Deletion[];
  /** Every client id the update writes under. */
  readonly clients: ReadonlySet<number>;
}

export type InspectionResult =
  | { readonly ok: true; readonly inspection: Inspection }
  /** `missing`: the update builds on content the document lacks, which its sender may still hold. */
  | { readonly ok: false; readonly reason: string; readonly missing?: true };

const key = (id: StructId) => `${id.client}:${id.clock}`;

class Unresolvable extends Error {}

/** Unresolvable because earlier updates have not reached the document (yet), not because of the update itself. */
class Missing extends Unresolvable {}

/**
 * Where each live type of a document sits, kept across updates. A Yjs item never moves: its parent
 * and key are fixed once it is integrated, so its location stays true for as long as it still
 * holds a type, which `liveTypeOf` checks on every use (a deleted type that was collected holds
 * none, and nothing below it survives as a type either). An agent streaming into a message
 * resolves the same text and message on every update; this spares walking up to the root each time.
 */
const liveTypeLocations = new WeakMap<Y.Doc, Map<string, Location>>();
/** Enough for every type a busy document's recent updates touch; cleared whole when it fills. */
const maxCachedLocations = 10_000;

/** A struct of the update or of the document, whichever holds the clock. */
type Found = { readonly from: 'update'; readonly item: DecodedItem } | { readonly from: 'live'; readonly struct: LiveStruct };

/**
 * Resolves each new item's parent and key against the update itself and the live document, and
 * each delete range against the document's store. The cost follows the size of the update: every
 * lookup in the document is a binary search in one client's structs, and nothing is copied.
 */
class Inspector {
  private readonly byClient = new Map<number, DecodedItem[]>();
  private readonly placements = new Map<string, { parent: ExplicitParent; parentSub: string | null } | 'void'>();
  private readonly paths = new Map<string, Location>();

  constructor(
    private readonly doc: Y.Doc,
    items: readonly DecodedItem[],
  ) {
    for (const item of items) {
      const list = this.byClient.get(item.id.client) ?? [];
      list.push(item);
      this.byClient.set(item.id.client, list);
    }
  }

  find(id: StructId): Found | undefined {
    const list = this.byClient.get(id.client);
    if (list !== undefined) {
      let low = 0;
      let high = list.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const item = list[mid] as DecodedItem;
        if (id.clock < item.id.clock) high = mid - 1;
        else if (id.clock >= item.id.clock + item.length) low = mid + 1;
        else if (id.clock >= documentClock(this.doc, id.client)) return { from: 'update', item };
        else break;
      }
    }
    const struct = findLiveStruct(this.doc, id);
    return struct === undefined ? undefined : { from: 'live', struct };
  }

  /** The parent and key an item integrates into, inferred from its origins as Yjs does. */
  placement(item: DecodedItem): { parent: ExplicitParent; parentSub: string | null } | 'void' {
    const memo = this.placements.get(key(item.id));
    if (memo !== undefined) return memo;
    let result: { parent: ExplicitParent; parentSub: string | null } | 'void';
    if (item.origin === null && item.rightOrigin === null) {
      if (item.parent === null) throw new Unresolvable('an item names neither a parent nor a neighbour');
      result = { parent: item.parent, parentSub: item.parentSub };
    } else {
      // Each neighbour looked up on its own: arrays and callbacks here would be garbage on every update.
      const left = item.origin === null ? undefined : this.find(item.origin);
      const right = item.rightOrigin === null ? undefined : this.find(item.rightOrigin);
      if ((item.origin !== null && left === undefined) || (item.rightOrigin !== null && right === undefined)) {
        throw new Missing('an item refers to content the server does not have');
      }
      // Yjs drops an item placed next to garbage-collected content.
      if ((left?.from === 'live' && left.struct.gc) || (right?.from === 'live' && right.struct.gc)) {
        result = 'void';
      } else {
        const first = (left ?? right) as Found;
        result = first.from === 'update' ? this.placement(first.item) : { parent: first.struct.parent as ExplicitParent, parentSub: first.struct.parentSub };
      }
    }
    this.placements.set(key(item.id), result);
    return result;
  }

  /** The location of the type held by item `id` (which must hold a type). */
  typeLocation(id: StructId): Location {
    const memo = this.paths.get(key(id));
    if (memo !== undefined) return memo;
    const live = id.clock < documentClock(this.doc, id.client) ? liveTypeLocations.get(this.doc)?.get(key(id)) : undefined;
    if (live !== undefined && liveTypeOf(this.doc, id) !== undefined) return live;
    const found = this.find(id);
    if (found === undefined) throw new Missing('an item is placed in a type the server does not have');
    let location: Location;
    if (found.from === 'update') {
      if (found.item.content.kind !== 'type') throw new Unresolvable('an item is placed inside content that is not a type');
      const placement = this.placement(found.item);
      if (placement === 'void') throw new Unresolvable('an item is placed inside discarded content');
      location = this.extend(placement.parent, placement.parentSub, found.item.id);
    } else {
      if (found.struct.gc || found.struct.content?.kind !== 'type' || found.struct.parent === undefined) {
        throw new Unresolvable('an item is placed inside content that is not a type');
      }
      location = this.extend(found.struct.parent, found.struct.parentSub, found.struct.id);
      let cache = liveTypeLocations.get(this.doc);
      if (cache === undefined || cache.size >= maxCachedLocations) liveTypeLocations.set(this.doc, (cache = new Map()));
      cache.set(key(id), location);
    }
    this.paths.set(key(id), location);
    return location;
  }

  /** The location of something placed in `parent` under `parentSub`, or as the element `self`. */
  extend(parent: ExplicitParent, parentSub: string | null, self: StructId): Location {
    const base: Location = 'root' in parent ? { root: parent.root, steps: [] } : this.typeLocation(parent.item);
    const step: PathStep = { key: parentSub, id: self };
    return { root: base.root, steps: [...base.steps, step] };
  }
}

/**
 * Inspects a v1 update against a live document without applying it. Refuses what the document
 * could not integrate at once: undecodable bytes, gaps in a client's clock, references to content
 * the document does not have, deletes of unknown clocks.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): InspectionResult {
  let decoded;
  try {
    decoded = decodeUpdateForInspection(update);
  } catch (error) {
    if (error instanceof MalformedUpdate) return { ok: false, reason: error.message };
    throw error;
  }
  const inspector = new Inspector(doc, decoded.items);
  const insertions: Insertion[] = [];
  const deletions: Deletion[] = [];
  const clients = new Set<number>();
  const nextClock = new Map<number, number>();
  try {
    const structs = [...decoded.items.map((item) => ({ range: { client: item.id.client, clock: item.id.clock, length: item.length }, item })), ...decoded.voids.map((range) => ({ range, item: undefined }))].sort(
      (a, b) => a.range.client - b.range.client || a.range.clock - b.range.clock,
    );
    for (const { range, item } of structs) {
      const expected = nextClock.get(range.client) ?? documentClock(doc, range.client);
      if (range.clock + range.length <= expected) continue;
      if (range.clock > expected) throw new Missing(`the update skips clocks of client ${range.client}: earlier updates are missing`);
      nextClock.set(range.client, range.clock + range.length);
      clients.add(range.client);
      if (item === undefined) continue;
      const placement = inspector.placement(item);
      if (placement === 'void') continue;
      insertions.push({ id: item.id, location: inspector.extend(placement.parent, placement.parentSub, item.id), content: item.content });
    }
    for (const range of decoded.deletes) {
      const end = range.clock + range.length;
      const liveEnd = Math.min(end, documentClock(doc, range.client));
      for (const struct of liveStructsInRange(doc, range)) {
        if (struct.gc || struct.deleted || struct.parent === undefined) continue;
        deletions.push({ id: struct.id, location: inspector.extend(struct.parent, struct.parentSub, struct.id), content: struct.content });
      }
      // Clocks past the document's are the update's own new items, deleted before they were sent.
      if (end > liveEnd && end > (nextClock.get(range.client) ?? liveEnd)) {
        throw new Missing(`the update deletes content of client ${range.client} that the server does not have`);
      }
    }
  } catch (error) {
    if (error instanceof Unresolvable) {
      const reason = `The update cannot be checked: ${error.message}.`;
      return error instanceof Missing ? { ok: false, reason, missing: true } : { ok: false, reason };
    }
    throw error;
  }
  return { ok: true, inspection: { insertions, deletions, clients } };
}
