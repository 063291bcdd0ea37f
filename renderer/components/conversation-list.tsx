import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Conversation } from '../../shared/domain/conversation';
import { useConversationMarks } from '../lib/conversation-marks';
import { denialInProject } from '../lib/project-permission';
import { ConversationActions } from './conversation-actions';
import { useAppStore } from '../store/store-context';

/** The project's conversations, shared and personal, and starting a new one. */
export function ConversationList({ projectId }: { readonly projectId: string }) {
  const conversations = useAppStore((s) => s.conversations);
  const activity = useAppStore((s) => s.activity);
  const myId = useAppStore((s) => s.session?.user?.id);
  const openId = useAppStore((s) => s.openConversationId);
  const openConversation = useAppStore((s) => s.openConversation);
  const createConversation = useAppStore((s) => s.createConversation);
  const denial = useAppStore((s) => denialInProject(s.session, s.roles, projectId, 'conversation.create'));
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'shared' | 'personal'>('shared');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if ((await createConversation({ title: title.trim(), kind })) !== null) setTitle('');
  };
  const { marks, toggle } = useConversationMarks(myId, projectId);
  const [showArchived, setShowArchived] = useState(false);
  const pinnedFirst = (list: readonly Conversation[]) => [...list.filter((c) => marks.pinned.includes(c.id)), ...list.filter((c) => !marks.pinned.includes(c.id))];
  const lastAt = (c: Conversation) => activity[c.id]?.at ?? c.createdAt;
  // The most recently active first, as a person looks for where the talk is.
  const current = conversations.filter((c) => !marks.archived.includes(c.id)).sort((a, b) => lastAt(b).localeCompare(lastAt(a)));
  const archived = conversations.filter((c) => marks.archived.includes(c.id));
  const shared = pinnedFirst(current.filter((c) => c.kind === 'shared'));
  const personal = pinnedFirst(current.filter((c) => c.kind === 'personal'));
  const item = (c: Conversation) => {
    const title = c.title === '' ? 'Untitled conversation' : c.title;
    const latest = activity[c.id];
    return (
      <li key={c.id}>
        <button
          className={`conv-item${c.id === openId ? ' selected' : ''}`}
          aria-current={c.id === openId ? 'true' : undefined}
          aria-label={marks.pinned.includes(c.id) ? `Pinned ${title}` : title}
          aria-describedby={`conv-activity-${c.id}`}
          title={title}
          onClick={() => void openConversation(c.id)}
        >
          <span className="conv-title-row">
            <span className="conv-title truncate">
              {marks.pinned.includes(c.id) && <span className="pin">★ </span>}
              {title}
            </span>
            <time className="conv-when" dateTime={lastAt(c)} title={new Date(lastAt(c)).toLocaleString()}>
              {shortTime(lastAt(c))}
            </time>
          </span>
          <span className="conv-preview truncate" id={`conv-activity-${c.id}`}>
            {latest === undefined ? 'No messages yet' : latest.preview}
          </span>
        </button>
        {c.id === openId && (
          <ConversationActions key={c.title} conversation={c} pinned={marks.pinned.includes(c.id)} archived={marks.archived.includes(c.id)} onToggle={(mark) => toggle(mark, c.id)} />
        )}
      </li>
    );
  };

  return (
    <aside className="conversations" aria-label="Conversations">
      {denial === null ? (
        <form className="new-conv" onSubmit={(e) => void create(e)}>
          <input aria-label="New conversation title" placeholder="New conversation title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
          <div className="new-conv-row">
            <select aria-label="Who sees it" value={kind} onChange={(e) => setKind(e.target.value === 'personal' ? 'personal' : 'shared')}>
              <option value="shared">Shared</option>
              <option value="personal">Personal (only me)</option>
            </select>
            <button type="submit" className="primary small">
              Start
            </button>
          </div>
        </form>
      ) : (
        <p className="reason new-conv">{denial}</p>
      )}
      <h3 className="list-heading">Shared</h3>
      <ul className="conv-list">{shared.length === 0 ? <li className="nav-empty">None yet</li> : shared.map(item)}</ul>
      <h3 className="list-heading">Personal</h3>
      <ul className="conv-list">{personal.length === 0 ? <li className="nav-empty">None yet</li> : personal.map(item)}</ul>
      {archived.length > 0 && (
        <>
          <button type="button" className="link small archived-toggle" aria-expanded={showArchived} onClick={() => setShowArchived(!showArchived)}>
            {showArchived ? 'Hide' : 'Show'} archived ({archived.length})
          </button>
          {showArchived && (
            <ul className="conv-list" aria-label="Archived conversations">
              {archived.map(item)}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}

/** A time as a list shows it: the hour today, the day otherwise (the year too when another one). */
function shortTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  if (at.toDateString() === now.toDateString()) return at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toLocaleDateString(undefined, at.getFullYear() === now.getFullYear() ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short', day: 'numeric' });
}
