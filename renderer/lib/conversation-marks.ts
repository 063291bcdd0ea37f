import { useCallback, useEffect, useState } from 'react';

/** Conversations a person pinned or archived: their own arrangement of the list, kept on this device. */
export interface ConversationMarks {
  readonly pinned: readonly string[];
  readonly archived: readonly string[];
}

const empty: ConversationMarks = { pinned: [], archived: [] };

function storageKey(userId: string, projectId: string): string {
  return `quorum.conversation-marks.${userId}.${projectId}`;
}

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads what was stored; anything malformed reads as nothing marked. */
export function readMarks(storage: Pick<Storage, 'getItem'>, userId: string, projectId: string): ConversationMarks {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId, projectId)) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return empty;
    return { pinned: ids((parsed as Record<string, unknown>)['pinned']), archived: ids((parsed as Record<string, unknown>)['archived']) };
  } catch {
    return empty;
  }
}

/** Marks or unmarks one conversation; pinning takes it out of the archive and archiving unpins it. */
export function toggleMark(marks: ConversationMarks, mark: 'pinned' | 'archived', conversationId: string): ConversationMarks {
  const without = (list: readonly string[]) => list.filter((id) => id !== conversationId);
  const on = marks[mark].includes(conversationId);
  const flipped = on ? without(marks[mark]) : [...marks[mark], conversationId];
  if (mark === 'pinned') return { pinned: flipped, archived: on ? marks.archived : without(marks.archived) };
  return { archived: flipped, pinned: on ? marks.pinned : without(marks.pinned) };
}

/** This person's pins and archive in one project, with a toggle that stores them. */
export function useConversationMarks(userId: string | undefined, projectId: string) {
  const [marks, setMarks] = useState<ConversationMarks>(empty);
  useEffect(() => {
    setMarks(userId === undefined ? empty : readMarks(window.localStorage, userId, projectId));
  }, [userId, projectId]);
  const toggle = useCallback(
    (mark: 'pinned' | 'archived', conversationId: string) => {
      setMarks((current) => {
        const next = toggleMark(current, mark, conversationId);
        if (userId !== undefined) window.localStorage.setItem(storageKey(userId, projectId), JSON.stringify(next));
        return next;
      });
    },
    [userId, projectId],
  );
  return { marks, toggle };
}
