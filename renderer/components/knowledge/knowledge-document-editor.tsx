/** A document being written or read: its path and text. `id` is null for a new one. */
export interface DocumentDraft {
  readonly id: string | null;
  readonly path: string;
  readonly content: string;
}

/** Edits a document's path and text, or shows them read-only to someone who may not write. */
export function KnowledgeDocumentEditor({
  draft,
  readOnly,
  onChange,
  onSave,
  onClose,
}: {
  readonly draft: DocumentDraft;
  readonly readOnly: boolean;
  readonly onChange: (draft: DocumentDraft) => void;
  readonly onSave: () => void;
  readonly onClose: () => void;
}) {
  return (
    <form
      className="form-card"
      aria-label="Document"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <label className="field">
        Path
        <input value={draft.path} onChange={(e) => onChange({ ...draft, path: e.target.value })} readOnly={readOnly} />
      </label>
      <label className="field">
        Content (Markdown or text)
        <textarea rows={14} value={draft.content} onChange={(e) => onChange({ ...draft, content: e.target.value })} readOnly={readOnly} />
      </label>
      <div className="form-actions">
        {!readOnly && (
          <button className="primary" type="submit">
            Save document
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
