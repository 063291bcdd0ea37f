import { useState } from 'react';
import type { DragEvent } from 'react';
import { knowledgeUploadFormats } from '../../../shared/domain/knowledge-upload';
import type { UploadItem } from './use-knowledge-uploads';

const accept = Object.keys(knowledgeUploadFormats).join(',');

function describe(item: UploadItem): string {
  switch (item.state) {
    case 'reading':
      return item.total === 0 ? 'Reading…' : `Reading ${String(Math.floor((item.done / item.total) * 100))}%`;
    case 'extracting':
      return item.total > 1 ? `Extracting text: page ${String(item.done)} of ${String(item.total)}` : 'Extracting text…';
    case 'storing':
      return 'Storing and indexing…';
    case 'done':
      return item.message ?? 'Added';
    case 'failed':
      return item.message ?? 'Failed';
  }
}

function progressValue(item: UploadItem): number | undefined {
  if (item.state === 'done') return 1;
  if ((item.state === 'reading' || item.state === 'extracting') && item.total > 0) return item.done / item.total;
  return undefined;
}

/**
 * Where files are dropped or chosen for upload (Markdown, text, PDF, Word), with one line per file
 * saying how far it is, and why, if it was refused.
 */
export function KnowledgeUploadZone({ items, onFiles }: { readonly items: readonly UploadItem[]; readonly onFiles: (files: File[]) => void }) {
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };
  return (
    <section className="upload-area" aria-label="Upload files">
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        data-testid="knowledge-drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>Drop Markdown, text, PDF or Word files here, or</p>
        <label className="button-like">
          Choose files
          <input
            type="file"
            multiple
            accept={accept}
            aria-label="Choose files to upload"
            className="visually-hidden"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) onFiles(files);
            }}
          />
        </label>
      </div>
      {items.length > 0 && (
        <ul className="upload-list" aria-label="Uploads">
          {items.map((item) => {
            const value = progressValue(item);
            return (
              <li key={item.uploadId} className={`upload-item upload-${item.state}`} aria-label={`Upload ${item.name}`}>
                <span className="upload-name">{item.name}</span>
                {item.state === 'failed' ? <span /> : <progress max={1} {...(value === undefined ? {} : { value })} aria-label={`Progress of ${item.name}`} />}
                <span className={item.state === 'failed' ? 'error' : 'muted'} role={item.state === 'failed' ? 'alert' : 'status'}>
                  {describe(item)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
