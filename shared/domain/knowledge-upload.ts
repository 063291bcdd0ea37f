import { z } from 'zod';
import { KnowledgeBaseId } from './ids';
import { KnowledgeDocumentPath } from './knowledge-base';

/** How an uploaded file becomes text, by its name's extension. */
export const knowledgeUploadFormats = {
  '.md': 'text',
  '.markdown': 'text',
  '.txt': 'text',
  '.pdf': 'pdf',
  '.docx': 'docx',
} as const;
export type KnowledgeUploadFormat = (typeof knowledgeUploadFormats)[keyof typeof knowledgeUploadFormats];

/** The format of a file by its name, or null for a kind of file a knowledge base does not take. */
export function knowledgeUploadFormat(fileName: string): KnowledgeUploadFormat | null {
  const name = fileName.slice(fileName.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot);
  return Object.hasOwn(knowledgeUploadFormats, extension) ? knowledgeUploadFormats[extension as keyof typeof knowledgeUploadFormats] : null;
}

/** The largest file taken by default, in bytes; the desktop app's `QUORUM_KNOWLEDGE_MAX_UPLOAD_BYTES` changes it. */
export const defaultMaxKnowledgeUploadBytes = 20 * 1024 * 1024;

/** What the renderer sends for one file: its bytes, and the path the document takes in the base. */
export const KnowledgeUpload = z.strictObject({
  /** Chosen by the renderer, so that progress events name the upload they belong to. */
  uploadId: z.string().min(1).max(64),
  knowledgeBaseId: KnowledgeBaseId,
  path: KnowledgeDocumentPath,
  /** The file's bytes in base64, as every transport of the app API carries binary data. */
  data: z.string().max(64 * 1024 * 1024).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type KnowledgeUpload = z.infer<typeof KnowledgeUpload>;

/**
 * Where an upload stands: its text being extracted (for a PDF, `done` of `total` pages), then
 * the document being stored and indexed on the server in one transaction.
 */
export const KnowledgeUploadProgress = z.strictObject({
  uploadId: z.string().min(1).max(64),
  phase: z.enum(['extracting', 'storing']),
  done: z.int().min(0),
  total: z.int().min(0),
});
export type KnowledgeUploadProgress = z.infer<typeof KnowledgeUploadProgress>;
