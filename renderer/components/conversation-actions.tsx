import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Conversation } from '../../shared/domain/conversation';
import { denialInProject } from '../lib/project-permission';
import { useAppStore } from '../store/store-context';

export interface ConversationActionsProps {
  readonly conversation: Conversation;
  readonly pinned: boolean;
  readonly archived: boolean;
  readonly onToggle: (mark: 'pinned' | 'archived') => void;
}

const personalNote = 'Personal conversations keep their title for now; only shared ones are renamed and deleted here.';

/** What a person does with the open conversation: rename, pin, archive, delete; each refused with its reason. */
export function ConversationActions({ conversation, pinned, archived, onToggle }: ConversationActionsProps) {
  const myId = useAppStore((s) => s.session?.user?.id);
  const own = conversation.createdBy === myId;
  const editDenial = useAppStore((s) => (own ? denialInProject(s.session, s.roles, conversation.projectId, 'conversation.update-own') : 'Only the person who started a conversation renames it'));
  const deleteDenial = useAppStore((s) => denialInProject(s.session, s.roles, conversation.projectId, own ? 'conversation.delete-own' : 'conversation.delete-any'));
  const rename = useAppStore((s) => s.renameConversation);
  const remove = useAppStore((s) => s.deleteConversation);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const [confirming, setConfirming] = useState(false);
  const personal = conversation.kind === 'personal';
  const renameDenial = personal ? personalNote : editDenial;
  const removeDenial = personal ? personalNote : deleteDenial;
  const label = conversation.title === '' ? 'Untitled conversation' : conversation.title;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename(conversation.id, title.trim());
    setRenaming(false);
  };

  if (renaming) {
    return (
      <form className="conv-actions" aria-label="Rename conversation" onSubmit={submit}>
        <input aria-label="Conversation title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} autoFocus />
        <button type="submit" className="small primary">
          Save
        </button>
        <button type="button" className="small" onClick={() => setRenaming(false)}>
          Cancel
        </button>
      </form>
    );
  }
  if (confirming) {
    return (
      <div className="conv-actions confirm-box" role="group" aria-label="Confirm deleting the conversation">
        <p>Delete “{label}” and its messages for everyone in the project?</p>
        <div className="form-actions">
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button type="button" className="small danger" onClick={() => void remove(conversation.id)}>
            Delete
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="conv-actions" role="toolbar" aria-label={`Actions for ${label}`}>
      <button type="button" className="link small" disabled={renameDenial !== null} title={renameDenial ?? 'Rename'} onClick={() => setRenaming(true)}>
        Rename
      </button>
      <button type="button" className="link small" aria-pressed={pinned} onClick={() => onToggle('pinned')}>
        {pinned ? 'Unpin' : 'Pin'}
      </button>
      <button type="button" className="link small" aria-pressed={archived} onClick={() => onToggle('archived')}>
        {archived ? 'Unarchive' : 'Archive'}
      </button>
      <button type="button" className="link small danger-link" disabled={removeDenial !== null} title={removeDenial ?? 'Delete'} onClick={() => setConfirming(true)}>
        Delete
      </button>
    </div>
  );
}
