import { useEffect, useState } from 'react';
import type { KnowledgeBase } from '../../../shared/domain/knowledge-base';
import { useApi } from '../../api/api-context';
import { callEndpoint, queuedNotice } from '../../api/call-endpoint';
import { useEndpoint } from '../../api/use-directory-query';
import { KnowledgeBindForm } from './knowledge-bind-form';
import type { DocumentDraft } from './knowledge-document-editor';
import { KnowledgeDocumentEditor } from './knowledge-document-editor';
import { KnowledgeDocumentTable } from './knowledge-document-table';
import { KnowledgeUploadZone } from './knowledge-upload-zone';
import { useKnowledgeUploads } from './use-knowledge-uploads';

/**
 * One knowledge base: its documents, written here or uploaded, each opened by its path; and the
 * projects it is bound to. `openDocumentId` opens a document at once (a citation's target).
 */
export function KnowledgeBasePanel({ base, denial, openDocumentId }: { readonly base: KnowledgeBase; readonly denial: string | null; readonly openDocumentId: string | null }) {
  const api = useApi();
  // Documents are not replicated: the list is read when the base opens and after each save here.
  const listed = useEndpoint({ endpoint: 'knowledge-document.list', params: { id: base.id } }, { kinds: [] });
  const documents = listed.data?.items ?? [];
  const [editing, setEditing] = useState<DocumentDraft | null>(null);
  const [changeNotice, setNotice] = useState<string | null>(null);
  const notice = changeNotice ?? listed.error;
  const uploads = useKnowledgeUploads(base.id, listed.reload);

  const open = async (id: string) => {
    const outcome = await callEndpoint(api, { endpoint: 'knowledge-document.read', params: { id: base.id, docId: id } });
    if (outcome.kind === 'applied') setEditing({ id, path: outcome.value.path, content: outcome.value.content });
    else setNotice(outcome.kind === 'failed' ? outcome.message : queuedNotice);
  };

  useEffect(() => {
    if (openDocumentId !== null) void open(openDocumentId);
    // Opened once per citation followed; `open` reads the document afresh.
  }, [openDocumentId]);

  const save = async () => {
    if (!editing) return;
    const body = { path: editing.path, content: editing.content };
    const outcome =
      editing.id === null
        ? await callEndpoint(api, { endpoint: 'knowledge-document.create', params: { id: base.id }, body })
        : await callEndpoint(api, { endpoint: 'knowledge-document.update', params: { id: base.id, docId: editing.id }, body });
    if (outcome.kind === 'applied') {
      setEditing({ id: outcome.value.id, path: outcome.value.path, content: outcome.value.content });
      setNotice('Saved.');
      await listed.reload();
    } else {
      setNotice(outcome.kind === 'failed' ? outcome.message : queuedNotice);
    }
  };

  return (
    <section aria-label={`Knowledge base ${base.name}`} className="knowledge-base">
      <h2>{base.name}</h2>
      {base.description && <p className="muted">{base.description}</p>}
      {denial && <p className="reason">{denial}</p>}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <KnowledgeDocumentTable documents={documents} onOpen={(id) => void open(id)} />
      {denial === null && <KnowledgeUploadZone items={uploads.items} onFiles={(files) => void uploads.upload(files)} />}
      {denial === null && !editing && <button onClick={() => setEditing({ id: null, path: 'guide.md', content: '' })}>New document</button>}
      {editing && <KnowledgeDocumentEditor draft={editing} readOnly={denial !== null} onChange={setEditing} onSave={() => void save()} onClose={() => setEditing(null)} />}
      <KnowledgeBindForm base={base} onNotice={setNotice} />
    </section>
  );
}
