import { useCallback, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { User } from '../../shared/domain/user';
import { documentName } from '../../shared/sync/document-name';
import { rearrangeThread } from '../../shared/sync/message-thread';
import type { ThreadStep } from '../../shared/sync/message-thread';
import { useReplicaList } from '../api/use-directory-query';
import type { ThreadedMessage } from '../../shared/sync/conversation-document';
import { decideInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';
import { Avatar } from './avatar';
import { Composer } from './composer';
import { RefusalNotice } from './dropped-edits';
import { MessageRow } from './message-row';
import { VirtualList } from './virtual-list';

/** The open conversation: who is here, its messages (virtualized), and the composer. */
export function ChatView({ projectId }: { readonly projectId: string }) {
  const { conversationId, loading } = useAppStore(useShallow((s) => ({ conversationId: s.openConversationId, loading: s.conversationLoading })));
  const title = useAppStore((s) => s.conversations.find((c) => c.id === s.openConversationId)?.title ?? '');
  const kind = useAppStore((s) => s.conversations.find((c) => c.id === s.openConversationId)?.kind);
  const messages = useAppStore((s) => s.messages);
  const presence = useAppStore((s) => s.presence);
  const myId = useAppStore((s) => s.session?.user?.id);
  const myName = useAppStore((s) => s.session?.user?.displayName ?? '');
  const canRate = useAppStore((s) => decideInProject(s.session, s.roles, projectId, 'message.rate').allowed);
  const rateMessage = useAppStore((s) => s.rateMessage);
  const canWrite = useAppStore((s) => decideInProject(s.session, s.roles, projectId, 'message.create').allowed);
  const canRun = useAppStore((s) => decideInProject(s.session, s.roles, projectId, 'agent.run').allowed);
  const localChoices = useAppStore((s) => s.localChoices);
  const focused = useAppStore((s) => s.focusedMessageId);
  const actions = useAppStore(
    useShallow((s) => ({ choose: s.chooseAlternative, edit: s.editMessage, regenerate: s.regenerateAnswer, remove: s.deleteMessage })),
  );
  // While an answer streams only its text changes: the last arrangement is reused, not rebuilt.
  const arranged = useRef<{ messages: readonly ThreadedMessage[]; thread: ThreadStep<ThreadedMessage>[]; myId: string | undefined; localChoices: Record<string, string> } | null>(null);
  const thread = useMemo(() => {
    const last = arranged.current;
    const before = last !== null && last.myId === myId && last.localChoices === localChoices ? last : null;
    const next = rearrangeThread(before?.messages ?? [], before?.thread ?? [], messages, myId, new Map(Object.entries(localChoices)));
    arranged.current = { messages, thread: next, myId, localChoices };
    return next;
  }, [messages, myId, localChoices]);
  const error = useAppStore((s) => s.conversationError);
  const users = useAppStore((s) => s.users);
  // Only while away: online, a change is unstored for the moment it takes the server to confirm it.
  const unstored = useAppStore((s) => {
    const state = s.openConversationId === null ? undefined : s.documentStates[`conversation:${s.openConversationId}`];
    if (state === undefined || (s.sync?.online !== false && state.status !== 'offline')) return 0;
    return state.unstored;
  });

  // Agent names from the local replica: an agent's answer carries its id.
  const agents = useReplicaList('agent').data;
  const agentNames = useMemo(() => new Map((agents ?? []).map((a) => [a.id, a.name])), [agents]);

  const names = useMemo(() => {
    const map = new Map<string, string>(users.map((u: User) => [u.id, u.displayName]));
    for (const p of presence) map.set(p.user.id, p.user.name);
    if (myId !== undefined) map.set(myId, myName);
    return map;
  }, [users, presence, myId, myName]);

  const authorName = useCallback(
    (m: ThreadedMessage) => (m.author.kind === 'user' ? (names.get(m.author.userId) ?? 'Someone') : (agentNames.get(m.author.agentId) ?? 'Agent')),
    [names, agentNames],
  );
  const renderItem = useCallback(
    (step: ThreadStep<ThreadedMessage>) => {
      const m = step.message;
      const index = step.alternatives.indexOf(m.id);
      return (
        <MessageRow
          message={m}
          authorName={authorName(m)}
          myId={myId}
          canRate={canRate}
          canWrite={canWrite}
          canRun={canRun}
          onRate={rateMessage}
          actions={actions}
          group={step.group}
          previous={step.alternatives[index - 1] ?? null}
          next={step.alternatives[index + 1] ?? null}
          alternative={index + 1}
          alternatives={step.alternatives.length}
          focused={focused === m.id}
        />
      );
    },
    [authorName, myId, canRate, canWrite, canRun, rateMessage, actions, focused],
  );
  const itemKey = useCallback((step: ThreadStep<ThreadedMessage>) => step.message.id, []);

  if (conversationId === null) {
    return (
      <section className="chat chat-empty">
        <p>No conversation is open. Start one from the list.</p>
      </section>
    );
  }
  return (
    <section className="chat" aria-label="Conversation">
      <header className="chat-head">
        <h2>{title === '' ? 'Untitled conversation' : title}</h2>
        {kind !== undefined && <span className="badge">{kind === 'shared' ? 'Shared' : 'Personal'}</span>}
        {unstored > 0 && (
          <span className="badge state-pending" title="Written here and kept on this computer; sent when the server is reachable">
            Not yet stored on the server
          </span>
        )}
        <div className="presence" aria-label="Here now" data-testid="presence">
          {presence.map((p) => (
            <Avatar key={p.user.id} id={p.user.id} name={p.user.name} />
          ))}
          {presence.length > 0 && <span className="presence-label">{presence.length === 1 ? `${presence[0]?.user.name ?? ''} is here` : `${String(presence.length)} others here`}</span>}
        </div>
      </header>
      {error !== null && (
        <p className="error chat-error" role="alert">
          {error}
        </p>
      )}
      <RefusalNotice name={documentName('conversation', conversationId)} />
      {loading ? (
        <div className="messages messages-loading">Loading…</div>
      ) : messages.length === 0 ? (
        <div className="messages messages-empty">No messages yet.</div>
      ) : (
        <VirtualList className="messages" label="Messages" items={thread} itemKey={itemKey} renderItem={renderItem} estimate={72} followEnd scrollToKey={focused} />
      )}
      <Composer projectId={projectId} />
    </section>
  );
}
