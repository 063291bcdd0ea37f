import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { queuedNotice } from '../../api/call-endpoint';

/** One file on its way into a knowledge base, as the list under the drop zone shows it. */
export interface UploadItem {
  readonly uploadId: string;
  readonly name: string;
  readonly state: 'reading' | 'extracting' | 'storing' | 'done' | 'failed';
  /** Bytes read, or pages extracted, so far, of `total`. */
  readonly done: number;
  readonly total: number;
  /** Why the file was refused, or a note once stored. */
  readonly message: string | null;
}

/** The file's bytes as base64, reporting how much is read: a large file takes a moment. */
function readAsBase64(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded);
    reader.onerror = () => reject(new Error(`${file.name} could not be read from disk.`));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * Uploads files into a base one after another, each with its own progress: read here, its text
 * extracted by the app (pages of a PDF), then stored and indexed by the server. `onStored` runs
 * after each file that was stored.
 */
export function useKnowledgeUploads(baseId: string, onStored: () => Promise<void>) {
  const api = useApi();
  const [items, setItems] = useState<readonly UploadItem[]>([]);
  const update = (uploadId: string, change: Partial<UploadItem>) => setItems((all) => all.map((item) => (item.uploadId === uploadId ? { ...item, ...change } : item)));

  useEffect(
    () =>
      api.on('knowledge.uploadProgress', (event) => {
        update(event.uploadId, { state: event.phase, done: event.done, total: event.total });
      }),
    [api],
  );

  const uploadOne = async (file: File, uploadId: string) => {
    try {
      const data = await readAsBase64(file, (loaded) => update(uploadId, { done: loaded }));
      const path = file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name;
      const result = await api['knowledge.upload']({ uploadId, knowledgeBaseId: baseId, path, data });
      if (!result.ok) return update(uploadId, { state: 'failed', message: result.error.message });
      update(uploadId, { state: 'done', message: result.value.status === 'queued' ? queuedNotice : null });
      await onStored();
    } catch (error) {
      update(uploadId, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const upload = async (files: readonly File[]) => {
    const started = files.map((file) => ({ file, uploadId: crypto.randomUUID() }));
    setItems((all) => [...all, ...started.map(({ file, uploadId }): UploadItem => ({ uploadId, name: file.name, state: 'reading', done: 0, total: file.size, message: null }))]);
    for (const { file, uploadId } of started) await uploadOne(file, uploadId);
  };

  return { items, upload };
}
