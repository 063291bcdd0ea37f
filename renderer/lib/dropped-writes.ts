import * as Y from 'yjs';

/** One thing a dropped change wrote, for people: a value and the field it was set in, if any. */
export interface DroppedWrite {
  /** The field of a map the value was set in (`role`, `modelLock`); null for text typed into a text. */
  readonly field: string | null;
  readonly value: string;
}

function valueOf(content: Y.Item['content']): { readonly text: boolean; readonly value: string } | null {
  if (content instanceof Y.ContentString) return { text: true, value: content.str };
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    return { text: false, value: content.getContent().map((value: unknown) => JSON.stringify(value)).join(', ') };
  }
  // Nested types, deletions and formatting carry nothing to read on their own.
  return null;
}

/**
 * What a dropped change wrote, read from its own Yjs update, so it can be shown (and copied again)
 * whatever the document holds now. Text typed in one run arrives as several items: it is joined.
 */
export function droppedWrites(update: Uint8Array): DroppedWrite[] {
  const writes: DroppedWrite[] = [];
  let textRun = false;
  for (const struct of Y.decodeUpdate(update).structs) {
    const read = struct instanceof Y.Item ? valueOf(struct.content) : null;
    if (read === null || !(struct instanceof Y.Item)) {
      textRun = false;
      continue;
    }
    const last = writes.at(-1);
    if (read.text && textRun && last !== undefined && last.field === null && struct.parentSub === null) {
      writes[writes.length - 1] = { field: null, value: last.value + read.value };
    } else {
      writes.push({ field: struct.parentSub, value: read.value });
    }
    textRun = read.text;
  }
  return writes;
}
