import type * as Y from 'yjs';
import type { ClientStructs, DecodedItem, DecodedStruct, ExplicitParent, ItemContent, LiveStruct, StructId } from './yjs-internals';
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

/** Deeper than any document's schema reaches (root, entry, field, per-user key); a bound on the walk up to the root. */
const maxDepth = 16;

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

type Placement = { readonly parent: ExplicitParent; readonly parentSub: string | null } | 'void';

/** Marks an item or type whose placement is being worked out, to tell a circle of references from a chain. */
const resolving = 'resolving';

/**
 * Resolves each new item's parent and key against the update itself and the live document, and
 * each delete range against the document's store. The cost follows the size of the update: every
 * lookup in the document is a binary search in one client's structs, and nothing is copied.
 */
class Inspector {
  private readonly byClient = new Map<number, readonly DecodedStruct[]>();
  private readonly placements = new Map<DecodedItem, Placement | typeof resolving>();
  private readonly paths = new Map<string, Location | typeof resolving>();

  constructor(
    private readonly doc: Y.Doc,
    clients: readonly ClientStructs[],
  ) {
    for (const { client, structs } of clients) this.byClient.set(client, structs);
  }

  /** The update's item holding `id` when the document does not know that clock yet, else the document's struct. */
  find(id: StructId): Found | undefined {
    const structs = this.byClient.get(id.client);
    if (structs !== undefined && id.clock >= documentClock(this.doc, id.client)) {
      let low = 0;
      let high = structs.length - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const struct = structs[mid] as DecodedStruct;
        if (id.clock < struct.id.clock) high = mid - 1;
        else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
        else return struct.content === null ? undefined : { from: 'update', item: struct };
      }
      return undefined;
    }
    const struct = findLiveStruct(this.doc, id);
    return struct === undefined ? undefined : { from: 'live', struct };
  }

  /**
   * The parent and key an item integrates into, inferred from its origins as Yjs does. Followed
   * along the update's own items in a loop, not by recursion: a long chain of them is legitimate
   * (a merged update of much typing), a circle is not.
   */
  placement(item: DecodedItem): Placement {
    const chain: DecodedItem[] = [];
    let current = item;
    let result: Placement;
    for (;;) {
      const memo = this.placements.get(current);
      if (memo === resolving) throw new Unresolvable("the update's items are each other's neighbours in a circle");
      if (memo !== undefined) {
        result = memo;
        break;
      }
      chain.push(current);
      this.placements.set(current, resolving);
      if (current.origin === null && current.rightOrigin === null) {
        if (current.parent === null) throw new Unresolvable('an item names neither a parent nor a neighbour');
        result = { parent: current.parent, parentSub: current.parentSub };
        break;
      }
      // Each neighbour looked up on its own: arrays and callbacks here would be garbage on every update.
      const left = current.origin === null ? undefined : this.find(current.origin);
      const right = current.rightOrigin === null ? undefined : this.find(current.rightOrigin);
      if ((current.origin !== null && left === undefined) || (current.rightOrigin !== null && right === undefined)) {
        throw new Missing('an item refers to content the server does not have');
      }
      // Yjs drops an item placed next to garbage-collected content.
      if ((left?.from === 'live' && left.struct.gc) || (right?.from === 'live' && right.struct.gc)) {
        result = 'void';
        break;
      }
      const first = (left ?? right) as Found;
      if (first.from === 'live') {
        result = { parent: first.struct.parent as ExplicitParent, parentSub: first.struct.parentSub };
        break;
      }
      current = first.item;
    }
    for (const resolved of chain) this.placements.set(resolved, result);
    return result;
  }

  /** The location of the type held by item `id` (which must hold a type), `depth` steps below where the walk started. */
  typeLocation(id: StructId, depth: number): Location {
    if (depth > maxDepth) throw new Unresolvable(`an item is nested more than ${maxDepth} types deep`);
    const memo = this.paths.get(key(id));
    if (memo === resolving) throw new Unresolvable("the update's types contain each other in a circle");
    if (memo !== undefined) return memo;
    const live = id.clock < documentClock(this.doc, id.client) ? liveTypeLocations.get(this.doc)?.get(key(id)) : undefined;
    if (live !== undefined && liveTypeOf(this.doc, id) !== undefined) return live;
    const found = this.find(id);
    if (found === undefined) throw new Missing('an item is placed in a type the server does not have');
    this.paths.set(key(id), resolving);
    let location: Location;
    if (found.from === 'update') {
      if (found.item.content.kind !== 'type') throw new Unresolvable('an item is placed inside content that is not a type');
      const placement = this.placement(found.item);
      if (placement === 'void') throw new Unresolvable('an item is placed inside discarded content');
      location = this.extend(placement.parent, placement.parentSub, found.item.id, depth + 1);
    } else {
      if (found.struct.gc || found.struct.content?.kind !== 'type' || found.struct.parent === undefined) {
        throw new Unresolvable('an item is placed inside content that is not a type');
      }
      location = this.extend(found.struct.parent, found.struct.parentSub, found.struct.id, depth + 1);
      let cache = liveTypeLocations.get(this.doc);
      if (cache === undefined || cache.size >= maxCachedLocations) liveTypeLocations.set(this.doc, (cache = new Map()));
      cache.set(key(id), location);
    }
    this.paths.set(key(id), location);
    return location;
  }

  /** The location of something placed in `parent` under `parentSub`, or as the element `self`. */
  extend(parent: ExplicitParent, parentSub: string | null, self: StructId, depth = 0): Location {
    const base: Location = 'root' in parent ? { root: parent.root, steps: [] } : this.typeLocation(parent.item, depth);
    if (base.steps.length >= maxDepth) throw new Unresolvable(`an item is nested more than ${maxDepth} types deep`);
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
  const inspector = new Inspector(doc, decoded.clients);
  const insertions: Insertion[] = [];
  const deletions: Deletion[] = [];
  const clients = new Set<number>();
  /** Per client the update writes under, the clock after its last new struct. */
  const nextClock = new Map<number, number>();
  try {
    for (const { client, structs } of decoded.clients) {
      const known = documentClock(doc, client);
      let expected = known;
      for (const struct of structs) {
        const end = struct.id.clock + struct.length;
        if (end <= expected) continue;
        if (struct.id.clock > expected) throw new Missing(`the update skips clocks of client ${client}: earlier updates are missing`);
        expected = end;
        if (struct.content === null) continue;
        const placement = inspector.placement(struct);
        if (placement === 'void') continue;
        insertions.push({ id: struct.id, location: inspector.extend(placement.parent, placement.parentSub, struct.id), content: struct.content });
      }
      if (expected > known) {
        clients.add(client);
        nextClock.set(client, expected);
      }
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
