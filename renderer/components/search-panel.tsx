import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SearchHit } from '../../shared/app-api/app-api-contract';
import { splitSnippet } from '../../shared/app-api/search-snippet';
import { useApi } from '../api/api-context';
import { useAppStore } from '../store/store-context';

/** Search within this project only; matched words are highlighted from the snippet's marks. */
export function SearchPanel({ projectId }: { readonly projectId: string }) {
  const api = useApi();
  const openMessage = useAppStore((s) => s.openMessage);
  const setProjectTab = useAppStore((s) => s.setProjectTab);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    const result = await api['search.project']({ projectId, query: query.trim() });
    if (result.ok) {
      setHits(result.value.hits);
      setError(null);
    } else setError(result.error.message);
  };

  return (
    <section className="panel" aria-label="Search">
      <form className="search-form" onSubmit={(e) => void search(e)} role="search">
        <input type="search" aria-label="Search this project" placeholder="Search messages in this project" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button className="primary" type="submit">
          Search
        </button>
      </form>
      {error !== null && <p className="error">{error}</p>}
      {hits !== null && hits.length === 0 && <p className="muted">Nothing found.</p>}
      <ul className="hits">
        {(hits ?? []).map((hit) => (
          <li key={hit.messageId}>
            <button
              className="hit"
              onClick={() => {
                setProjectTab('chat');
                void openMessage(hit.conversationId, hit.messageId);
              }}
            >
              <span className="hit-title">{hit.conversationTitle === '' ? 'Untitled conversation' : hit.conversationTitle}</span>
              <span className="hit-snippet">
                {splitSnippet(hit.snippet).map((part, i) => (part.matched ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
