import { useEffect, useState } from 'react';
import type { DroppedChange } from '../../shared/app-api/app-api-contract';
import { parseDocumentName } from '../../shared/sync/document-name';
import { useApi } from '../api/api-context';
import { fromBase64 } from '../../shared/encoding/base64';
import { droppedWrites } from '../lib/dropped-writes';
import { useAppStore } from '../store/store-context';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What a document is, in words: "Conversation “Field notes”", "Project “Alpha”". */
export function useDocumentLabel(name: string): string {
  return useAppStore((s) => {
    const parsed = parseDocumentName(name);
    if (parsed === undefined) return name;
    switch (parsed.kind) {
      case 'conversation': {
        const title = s.conversations.find((c) => c.id === parsed.id)?.title;
        return title === undefined || title === '' ? 'A conversation' : `Conversation “${title}”`;
      }
      case 'project':
        return `Project “${s.projects.find((p) => p.id === parsed.id)?.name ?? 'you cannot see'}”`;
      case 'workgroup':
        return `Workgroup “${s.workgroups.find((w) => w.id === parsed.id)?.name ?? 'you cannot see'}”`;
    }
  });
}

/** One dropped edit: when, where and why, the text it wrote (to copy again), and the fields it set. */
function DroppedEdit({ change }: { readonly change: DroppedChange }) {
  const writes = droppedWrites(fromBase64(change.update));
  const texts = writes.filter((write) => write.field === null);
  const fields = writes.filter((write) => write.field !== null);
  return (
    <li className="dropped-item">
      <div className="outbox-meta">{`Dropped ${when.format(new Date(change.droppedAt))} · in ${change.paths.length === 0 ? 'this document' : change.paths.join(', ')}`}</div>
      <p className="error">{`The server refused it: ${change.reason}`}</p>
      {texts.map((write, i) => (
        <blockquote key={i} className="dropped-text">
          {write.value}
        </blockquote>
      ))}
      {fields.length > 0 && (
        // Without text, the fields are what the edit was: shown open.
        <details open={texts.length === 0}>
          <summary>{`Fields it set (${String(fields.length)})`}</summary>
          <dl className="dropped-writes">
            {fields.map((write, i) => (
              <div key={i}>
                <dt>{write.field}</dt>
                <dd>{write.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </li>
  );
}

/** The edits made here that rebuilds of one document dropped because the server refused them, newest first. */
export function DroppedEditsList({ name }: { readonly name: string }) {
  const api = useApi();
  const label = useDocumentLabel(name);
  const generation = useAppStore((s) => s.documentStates[name]?.generation ?? 0);
  const [changes, setChanges] = useState<readonly DroppedChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Each rebuild may drop more: read again when the generation moves.
    void api['documents.dropped']({ name }).then((result) => {
      if (!current) return;
      if (result.ok) setChanges(result.value.changes);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [api, name, generation]);

  if (error !== null) return <p className="error">{error}</p>;
  if (changes === null) return <p className="muted">Loading…</p>;
  if (changes.length === 0) return <p className="muted">Nothing written here was dropped.</p>;
  return (
    <ul className="dropped-list" aria-label={`Dropped edits in ${label}`}>
      {[...changes].reverse().map((change) => (
        <DroppedEdit key={change.id} change={change} />
      ))}
    </ul>
  );
}

/**
 * Shown where a document is shown while the server's last refusal of a change in it has not been
 * dismissed: why, the edits that were dropped, and dismissing (remembered, so it does not return).
 */
export function RefusalNotice({ name }: { readonly name: string }) {
  const refusal = useAppStore((s) => s.documentStates[name]?.refusal ?? null);
  const dismissRefusal = useAppStore((s) => s.dismissRefusal);
  const [showing, setShowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (refusal === null) return null;
  const dismiss = async () => {
    setError((await dismissRefusal(name)) ? null : 'The notice could not be dismissed; try again.');
  };
  return (
    <section className="refusal-notice" aria-label="Change refused">
      <p role="alert">
        <strong>The server did not accept a change made here, and it was undone.</strong> {refusal}
      </p>
      <div className="editor-actions">
        <button className="small" aria-expanded={showing} onClick={() => setShowing((s) => !s)}>
          {showing ? 'Hide dropped edits' : 'Show dropped edits'}
        </button>
        <button className="small" onClick={() => void dismiss()}>
          Dismiss
        </button>
      </div>
      {error !== null && <p className="error">{error}</p>}
      {showing && <DroppedEditsList name={name} />}
    </section>
  );
}
