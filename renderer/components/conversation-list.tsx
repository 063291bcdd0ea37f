import { useState } from 'react';
import type { FormEvent } from 'react';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';

/** The project's conversations, shared and personal, and starting a new one. */
export function ConversationList({ projectId }: { readonly projectId: string }) {
  const conversations = useAppStore((s) => s.conversations);
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
  const shared = conversations.filter((c) => c.kind === 'shared');
  const personal = conversations.filter((c) => c.kind === 'personal');
  const item = (c: (typeof conversations)[number]) => (
    <li key={c.id}>
      <button className={`conv-item${c.id === openId ? ' selected' : ''}`} aria-current={c.id === openId ? 'true' : undefined} onClick={() => void openConversation(c.id)}>
        {c.title === '' ? 'Untitled conversation' : c.title}
      </button>
    </li>
  );

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
    </aside>
  );
}
