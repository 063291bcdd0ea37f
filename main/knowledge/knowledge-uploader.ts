import type { DirectoryAnswer } from '../../shared/app-api/app-api-contract';
import { maxKnowledgeDocumentLength } from '../../shared/domain/knowledge-base';
import type { KnowledgeUpload, KnowledgeUploadProgress } from '../../shared/domain/knowledge-upload';
import { knowledgeUploadFormat } from '../../shared/domain/knowledge-upload';
import { AppFailure } from '../app-api/app-failure';
import { extractText, UnreadableFile } from './extract-text';

export interface KnowledgeUploaderOptions {
  /** The largest file taken, in bytes. */
  readonly maxBytes: number;
  /** Stores the document on the server (`knowledge-document.create`): its text and index in one transaction. */
  readonly store: (baseId: string, path: string, content: string) => Promise<DirectoryAnswer<'knowledge-document.create'>>;
  readonly progress: (event: KnowledgeUploadProgress) => void;
}

/** A size as people read it: whole kilobytes under a megabyte, else megabytes to one decimal. */
const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${String(Math.ceil(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/**
 * Turns an uploaded file into a knowledge document: refuses a file over the size limit or of a
 * kind the base does not take, extracts its text here on the desktop (the server only ever sees
 * text), then stores it with one request, which the server writes with its index in one
 * transaction; a file that fails anywhere leaves nothing behind.
 */
export function createKnowledgeUploader(options: KnowledgeUploaderOptions) {
  return async function upload(input: KnowledgeUpload): Promise<DirectoryAnswer<'knowledge-document.create'>> {
    const name = input.path.slice(input.path.lastIndexOf('/') + 1);
    const format = knowledgeUploadFormat(input.path);
    if (format === null) throw new AppFailure('bad_request', `${name} is not a kind of file a knowledge base takes: upload Markdown, text, PDF or Word (.docx) files.`, 'path');
    // Base64 holds three bytes in four characters: the size is known before decoding.
    const size = Math.floor((input.data.length * 3) / 4) - (input.data.endsWith('==') ? 2 : input.data.endsWith('=') ? 1 : 0);
    if (size > options.maxBytes) {
      throw new AppFailure('payload_too_large', `${name} is ${sizeText(size)}; files up to ${sizeText(options.maxBytes)} can be uploaded.`, 'data');
    }
    const bytes = new Uint8Array(Buffer.from(input.data, 'base64'));
    let text: string;
    try {
      text = await extractText(format, bytes, name, (done, total) => options.progress({ uploadId: input.uploadId, phase: 'extracting', done, total }));
    } catch (error) {
      if (error instanceof UnreadableFile) throw new AppFailure('bad_request', error.message, 'data');
      throw error;
    }
    if (text.length > maxKnowledgeDocumentLength) {
      throw new AppFailure(
        'payload_too_large',
        `${name} holds ${text.length.toLocaleString('en')} characters of text; a document holds at most ${maxKnowledgeDocumentLength.toLocaleString('en')}. Split it and upload the parts.`,
        'data',
      );
    }
    options.progress({ uploadId: input.uploadId, phase: 'storing', done: 0, total: 1 });
    return options.store(input.knowledgeBaseId, input.path, text);
  };
}
