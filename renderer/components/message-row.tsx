import { memo, useState } from 'react';
import type { ThreadedMessage } from '../../shared/sync/conversation-document';
import { Avatar } from './avatar';
import { MessageCitations } from './message-citations';
import { MessageMarkdown } from './message-markdown';
import { isOpenStatus } from '../../shared/agents/end-answer';

/** What a row can ask of the conversation, from the store. */
export interface MessageActions {
  readonly choose: (group: string, messageId: string) => void;
  readonly edit: (messageId: string, text: string) => Promise<void>;
  readonly regenerate: (messageId: string) => Promise<void>;
  readonly remove: (messageId: string) => void;
}

interface MessageRowProps {
  readonly message: ThreadedMessage;
  readonly authorName: string;
  readonly myId: string | undefined;
  readonly canRate: boolean;
  readonly canWrite: boolean;
  readonly canRun: boolean;
  readonly onRate: (messageId: string, rating: number) => void;
  readonly actions: MessageActions;
  /** The group of alternatives the message stands for, and its neighbours in it. */
  readonly group: string;
  readonly previous: string | null;
  readonly next: string | null;
  readonly alternative: number;
  readonly alternatives: number;
  /** Opened from a search hit. */
  readonly focused: boolean;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * One message: author, time, text as Markdown (growing while streamed), tool calls inline, ratings,
 * its alternatives ("2 / 3"), and what the reader may do with it: copy, edit and resend or delete
 * their own, regenerate or retry an answer.
 */
export const MessageRow = memo(function MessageRow(props: MessageRowProps) {
  const { message, authorName, myId, canRate, canWrite, canRun, onRate, actions, group, previous, next, alternative, alternatives, focused } = props;
  const [editing, setEditing] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const isAgent = message.author.kind === 'agent';
  const authorId = message.author.kind === 'user' ? message.author.userId : message.author.agentId;
  const ownText = message.author.kind === 'user' && message.author.userId === myId;
  const ownAnswer = message.author.kind === 'agent' && message.author.runBy === myId;
  const deleted = message.deletedAt !== null;
  const ratings = Object.values(message.ratings);
  const mine = myId === undefined ? undefined : message.ratings[myId];
  const average = ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  const copy = () => {
    void navigator.clipboard.writeText(message.content).then(() => {
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    });
  };
  const saveEdit = () => {
    if (editing === null) return;
    const text = editing;
    setEditing(null);
    void actions.edit(message.id, text);
  };
  return (
    <article
      className={`message${isAgent ? ' message-agent' : ''}${ownText ? ' message-mine' : ''}${focused ? ' message-focused' : ''}`}
      aria-label={`Message from ${authorName}`}
      data-message-id={message.id}
    >
      <Avatar id={authorId} name={authorName} />
      <div className="message-body">
        <header className="message-head">
          <span className="message-author">{authorName}</span>
          {isAgent && <span className="badge">agent</span>}
          <time dateTime={message.createdAt}>{time.format(new Date(message.createdAt))}</time>
          {message.status === 'waiting' && <span className="badge badge-live">waiting for the server…</span>}
          {message.status === 'streaming' && <span className="badge badge-live">answering…</span>}
          {message.status === 'error' && !deleted && <span className="badge badge-error">failed</span>}
          {message.status === 'cancelled' && <span className="badge">stopped</span>}
          {alternatives > 1 && (
            <span className="alternatives" role="group" aria-label="Alternatives">
              <button className="link small" aria-label="Previous alternative" disabled={previous === null} onClick={() => previous !== null && actions.choose(group, previous)}>
                ‹
              </button>
              <span className="alternative-count">{`${String(alternative)} / ${String(alternatives)}`}</span>
              <button className="link small" aria-label="Next alternative" disabled={next === null} onClick={() => next !== null && actions.choose(group, next)}>
                ›
              </button>
            </span>
          )}
        </header>
        {deleted ? (
          <p className="message-text message-deleted">This message was deleted.</p>
        ) : editing !== null ? (
          <div className="message-edit">
            <textarea aria-label="Edit message" value={editing} onChange={(e) => setEditing(e.target.value)} rows={3} />
            <div className="message-edit-row">
              <button className="primary small" onClick={saveEdit} disabled={editing.trim() === ''}>
                Save and resend
              </button>
              <button className="small" onClick={() => setEditing(null)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <MessageMarkdown text={message.content} />
        )}
        {!deleted && <MessageCitations citations={message.citations ?? []} />}
        {!deleted &&
          message.toolCalls.map((call) => (
            <details key={call.id} className="tool-call">
              <summary>
                <span className="tool-name">{call.name}</span>
                <span className={`tool-state${call.error !== null ? ' tool-error' : ''}`}>{call.error !== null ? 'failed' : call.result === null ? 'running' : 'done'}</span>
              </summary>
              <pre>{call.arguments}</pre>
              {call.result !== null && <pre>{call.result}</pre>}
              {call.error !== null && <pre className="tool-error">{call.error}</pre>}
            </details>
          ))}
        {!deleted && editing === null && !isOpenStatus(message.status) && (
          <div className="message-actions" role="group" aria-label="Message actions">
            <button className="link small" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            {ownText && canWrite && (
              <button className="link small" onClick={() => setEditing(message.content)}>
                Edit
              </button>
            )}
            {isAgent && canRun && (
              <button className="link small" onClick={() => void actions.regenerate(message.id)}>
                {message.status === 'error' ? 'Retry' : 'Regenerate'}
              </button>
            )}
            {(ownText || ownAnswer) && canWrite && (
              <button className="link small danger-text" onClick={() => actions.remove(message.id)}>
                Delete
              </button>
            )}
          </div>
        )}
        {isAgent && message.status === 'complete' && !deleted && (
          <div className="rating" role="group" aria-label="Rate this answer">
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                className={`star${mine !== undefined && n <= mine ? ' on' : ''}`}
                aria-label={`Rate ${String(n)} of 5`}
                aria-pressed={mine === n}
                disabled={!canRate}
                onClick={() => onRate(message.id, n)}
              >
                ★
              </button>
            ))}
            {average !== null && <span className="rating-average">{`${average.toFixed(1)} from ${String(ratings.length)}`}</span>}
          </div>
        )}
      </div>
    </article>
  );
});
