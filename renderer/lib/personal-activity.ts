import { ConversationActivity } from '../../shared/domain/conversation-activity';

/*
 * A personal conversation is listed in no shared document, so its last activity and preview are
 * kept on this device, as its owner's pins are.
 */

function storageKey(userId: string, projectId: string): string {
  return `quorum.conversation-activity.${userId}.${projectId}`;
}

/** What was stored, by conversation; anything malformed reads as nothing recorded. */
export function readPersonalActivity(storage: Pick<Storage, 'getItem'>, userId: string, projectId: string): Record<string, ConversationActivity> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId, projectId)) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const kept: Record<string, ConversationActivity> = {};
    for (const [id, value] of Object.entries(parsed)) {
      const activity = ConversationActivity.safeParse(value);
      if (activity.success) kept[id] = activity.data;
    }
    return kept;
  } catch {
    return {};
  }
}

export function writePersonalActivity(storage: Pick<Storage, 'getItem' | 'setItem'>, userId: string, projectId: string, conversationId: string, activity: ConversationActivity): void {
  const all = { ...readPersonalActivity(storage, userId, projectId), [conversationId]: activity };
  storage.setItem(storageKey(userId, projectId), JSON.stringify(all));
}
