import type { Citation } from '../../shared/domain/citation';
import { useAppStore } from '../store/store-context';

/** The passages an answer cites: each document's path, which opens it, and the passage used. */
export function MessageCitations({ citations }: { readonly citations: readonly Citation[] }) {
  const openDocument = useAppStore((s) => s.openKnowledgeDocument);
  if (citations.length === 0) return null;
  return (
    <aside className="citations" aria-label="Sources">
      <h4>Sources</h4>
      <ol>
        {citations.map((citation) => (
          <li key={citation.documentId} className="citation">
            <button className="link mono" onClick={() => openDocument(citation.knowledgeBaseId, citation.documentId)} aria-label={`Open ${citation.path}`}>
              {citation.path}
            </button>
            <blockquote className="citation-snippet">{citation.snippet}</blockquote>
          </li>
        ))}
      </ol>
    </aside>
  );
}
