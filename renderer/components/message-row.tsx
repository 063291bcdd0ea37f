import { memo } from 'react';
import type { MessageView } from '../lib/conversation-document';
import { Avatar } from './avatar';
import { MessageCitations } from './message-citations';

interface MessageRowProps {
  readonly message: MessageView;
  readonly authorName: string;
  readonly myId: string | undefined;
  readonly canRate: boolean;
  readonly onRate: (messageId: string, rating: number) => void;
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One message: author, time, text (growing while streamed), tool calls inline, and ratings. */
export const MessageRow = memo(function MessageRow({ message, authorName, myId, canRate, onRate }: MessageRowProps) {
  const isAgent = message.author.kind === 'agent';
  const authorId = message.author.kind === 'user' ? message.author.userId : message.author.agentId;
  const ratings = Object.values(message.ratings);
  const mine = myId === undefined ? undefined : message.ratings[myId];
  const average = ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length;
  return (
    <article className={`message${isAgent ? ' message-agent' : ''}${message.author.kind === 'user' && authorId === myId ? ' message-mine' : ''}`} aria-label={`Message from ${authorName}`}>
      <Avatar id={authorId} name={authorName} />
      <div className="message-body">
        <header className="message-head">
          <span className="message-author">{authorName}</span>
          {isAgent && <span className="badge">agent</span>}
          <time dateTime={message.createdAt}>{time.format(new Date(message.createdAt))}</time>
          {message.status === 'streaming' && <span className="badge badge-live">answering…</span>}
          {message.status === 'error' && <span className="badge badge-error">failed</span>}
          {message.status === 'cancelled' && <span className="badge">stopped</span>}
        </header>
        <div className="message-text">{message.content}</div>
        <MessageCitations citations={message.citations} />
        {message.toolCalls.map((call) => (
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
        {isAgent && message.status === 'complete' && (
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
