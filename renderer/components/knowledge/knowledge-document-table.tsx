import type { KnowledgeDocumentSummary } from '../../../shared/domain/knowledge-base';
import { TableHead } from '../table-head';

/** A base's documents by path and size; a path opens its document. */
export function KnowledgeDocumentTable({ documents, onOpen }: { readonly documents: readonly KnowledgeDocumentSummary[]; readonly onOpen: (id: string) => void }) {
  return (
    <table className="dense-table" aria-label="Documents">
      <TableHead columns={['Path', 'Size']} />
      <tbody>
        {documents.map((d) => (
          <tr key={d.id}>
            <td>
              <button className="link" onClick={() => onOpen(d.id)}>
                {d.path}
              </button>
            </td>
            <td>{d.length.toLocaleString()} characters</td>
          </tr>
        ))}
        {documents.length === 0 && (
          <tr>
            <td colSpan={2} className="muted">
              No documents yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
