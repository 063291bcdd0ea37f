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
  /** Every client id the update writes new content under, each once. */
  readonly clients: readonly number[];
}

export type InspectionResult =
  | { readonly ok: true; readonly inspection: Inspection }
  /** `missing`: the update builds on content the document lacks, which its sender may still hold. */
  | { readonly ok: false; readonly reason: string; readonly missing?: true };

class Unresolvable extends Error {}

/** Unresolvable because earlier updates have not reached the document (yet), not because of the update itself. */
class Missing extends Unresolvable {}

/** Deeper than any document's schema reaches (root, entry, field, per-user key); a bound on the walk up to the root. */
const maxDepth = 16;

/**
 * Where each live type sits, kept across updates and keyed by the type itself. A Yjs item never
 * moves: its parent and key are fixed once it is integrated, so the location stays true for as
 * long as the type lives, and the entry goes with it. An agent streaming into a message resolves
 * the same text and message on every update; this spares walking up to the root each time.
 */
const liveTypeLocations = new WeakMap<object, Location>();

/** A struct of the update or of the document, whichever holds the clock. */
type Found = { readonly from: 'update'; readonly item: DecodedItem } | { readonly from: 'live'; readonly struct: LiveStruct };

type Placement = { readonly parent: ExplicitParent; readonly parentSub: string | null } | 'void';

const isItem = (next: Placement | DecodedItem): next is DecodedItem => typeof next === 'object' && 'id' in next;

/** Marks an item or type whose placement is being worked out, to tell a circle of references from a chain. */
const resolving = 'resolving';

/**
 * Resolves each new item's parent and key against the update itself and the live document, and
 * each delete range against the document's store. The cost follows the size of the update: every
 * lookup in the document is a binary search in one client's structs, and nothing is copied. Its
 * memos start empty and are made on first use: most updates are one item whose neighbour the
 * document already holds, and need none.
 */
class Inspector {
  private placements: Map<DecodedItem, Placement | typeof resolving> | undefined;
  private paths: Map<DecodedItem, Location | typeof resolving> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly clients: readonly ClientStructs[],
  ) {}

  /** The update's item holding `id` when the document does not know that clock yet, else the document's struct. */
  find(id: StructId): Found | undefined {
    if (id.clock >= documentClock(this.doc, id.client)) {
      const item = this.findInUpdate(id);
      return item === undefined ? undefined : { from: 'update', item };
    }
    const struct = findLiveStruct(this.doc, id);
    return struct === undefined ? undefined : { from: 'live', struct };
  }

  private findInUpdate(id: StructId): DecodedItem | undefined {
    // An update names few clients, each once: a scan finds the client, a binary search the clock.
    const structs = this.clients.find((group) => group.client === id.client)?.structs;
    if (structs === undefined) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = structs[mid] as DecodedStruct;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct.content === null ? undefined : struct;
    }
    return undefined;
  }

  /**
   * Where `item` integrates when its neighbours say so: its own parent, the parent of a neighbour
   * the document holds, or the update's item it must follow.
   */
  private step(item: DecodedItem): Placement | DecodedItem {
    if (item.origin === null && item.rightOrigin === null) {
      if (item.parent === null) throw new Unresolvable('an item names neither a parent nor a neighbour');
      return { parent: item.parent, parentSub: item.parentSub };
    }
    // Each neighbour looked up on its own: arrays and callbacks here would be garbage on every update.
    const left = item.origin === null ? undefined : this.find(item.origin);
    const right = item.rightOrigin === null ? undefined : this.find(item.rightOrigin);
    if ((item.origin !== null && left === undefined) || (item.rightOrigin !== null && right === undefined)) {
      throw new Missing('an item refers to content the server does not have');
    }
    // Yjs drops an item placed next to garbage-collected content.
    if ((left?.from === 'live' && left.struct.gc) || (right?.from === 'live' && right.struct.gc)) return 'void';
    const first = (left ?? right) as Found;
    return first.from === 'live' ? { parent: first.struct.parent as ExplicitParent, parentSub: first.struct.parentSub } : first.item;
  }

  /**
   * The parent and key an item integrates into, inferred from its origins as Yjs does. Followed
   * along the update's own items in a loop, not by recursion: a long chain of them is legitimate
   * (a merged update of much typing), a circle is not.
   */
  placement(item: DecodedItem): Placement {
    const first = this.step(item);
    if (!isItem(first)) return first;
    const placements = (this.placements ??= new Map());
    const chain: DecodedItem[] = [item];
    placements.set(item, resolving);
    let current = first;
    let result: Placement;
    for (;;) {
      const memo = placements.get(current);
      if (memo === resolving) throw new Unresolvable("the update's items are each other's neighbours in a circle");
      if (memo !== undefined) {
        result = memo;
        break;
      }
      chain.push(current);
      placements.set(current, resolving);
      const next = this.step(current);
      if (!isItem(next)) {
        result = next;
        break;
      }
      current = next;
    }
    for (const resolved of chain) placements.set(resolved, result);
    return result;
  }

  /** The location of the type held by item `id` (which must hold a type), `depth` steps below where the walk started. */
  typeLocation(id: StructId, depth: number): Location {
    if (depth > maxDepth) throw new Unresolvable(`an item is nested more than ${maxDepth} types deep`);
    const liveType = liveTypeOf(this.doc, id);
    const cached = liveType === undefined ? undefined : liveTypeLocations.get(liveType);
    if (cached !== undefined) return cached;
    const found = this.find(id);
    if (found === undefined) throw new Missing('an item is placed in a type the server does not have');
    if (found.from === 'live') {
      const { struct } = found;
      if (liveType === undefined || struct.parent === undefined) throw new Unresolvable('an item is placed inside content that is not a type');
      const location = this.extend(struct.parent, struct.parentSub, struct.id, depth + 1);
      liveTypeLocations.set(liveType, location);
      return location;
    }
    const { item } = found;
    const paths = (this.paths ??= new Map());
    const memo = paths.get(item);
    if (memo === resolving) throw new Unresolvable("the update's types contain each other in a circle");
    if (memo !== undefined) return memo;
    if (item.content.kind !== 'type') throw new Unresolvable('an item is placed inside content that is not a type');
    paths.set(item, resolving);
    const placement = this.placement(item);
    if (placement === 'void') throw new Unresolvable('an item is placed inside discarded content');
    const location = this.extend(placement.parent, placement.parentSub, item.id, depth + 1);
    paths.set(item, location);
    return location;
  }

  /** The location of something placed in `parent` under `parentSub`, or as the element `self`. */
  extend(parent: ExplicitParent, parentSub: string | null, self: StructId, depth = 0): Location {
    const step: PathStep = { key: parentSub, id: self };
    if ('root' in parent) return { root: parent.root, steps: [step] };
    const base = this.typeLocation(parent.item, depth);
    if (base.steps.length >= maxDepth) throw new Unresolvable(`an item is nested more than ${maxDepth} types deep`);
    const steps = base.steps.slice();
    steps.push(step);
    return { root: base.root, steps };
  }
}

/**
 * Inspects a v1 update against a live document without applying it. Refuses what the document
 * could not integrate at once: undecodable bytes, gaps in a client's clock (before its first new
 * struct, or a skipped range among them), references to content the document does not have,
 * deletes of unknown clocks.
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
  const clients: number[] = [];
  /** Per client in `clients`, the clock after its last new struct. */
  const ends: number[] = [];
  try {
    for (const { client, structs } of decoded.clients) {
      const known = documentClock(doc, client);
      let expected = known;
      for (const struct of structs) {
        const end = struct.id.clock + struct.length;
        if (end <= expected) continue;
        if (struct.id.clock > expected) throw new Missing(`the update skips clocks of client ${client}: earlier updates are missing`);
        // Yjs integrates nothing of a skipped range and holds back everything after it, in the
        // document and in every copy made of it: each of them would then send the gap along with
        // its own edits, and be refused. The sender lacks those clocks itself, so asking it for
        // them cannot help.
        if (struct.content === null && struct.skipped) throw new Unresolvable(`the update leaves a gap in the clocks of client ${client}`);
        expected = end;
        if (struct.content === null) continue;
        const placement = inspector.placement(struct);
        if (placement === 'void') continue;
        insertions.push({ id: struct.id, location: inspector.extend(placement.parent, placement.parentSub, struct.id), content: struct.content });
      }
      if (expected > known) {
        clients.push(client);
        ends.push(expected);
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
      if (end > liveEnd && end > (ends[clients.indexOf(range.client)] ?? liveEnd)) {
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
