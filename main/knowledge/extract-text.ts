import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { KnowledgeUploadFormat } from '../../shared/domain/knowledge-upload';

/** A file whose text cannot be read: the message says why, in words for the person who chose it. */
export class UnreadableFile extends Error {
  override readonly name = 'UnreadableFile';
}

/** Hears how far extraction is: pages of a PDF, or one step for other files. */
export type ExtractionProgress = (done: number, total: number) => void;

function decodeText(bytes: Uint8Array, fileName: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // A NUL never appears in text a person wrote; it marks a binary file renamed to .txt or .md.
    if (text.includes('\u0000')) throw new UnreadableFile(`${fileName} is not a text file: it holds binary data.`);
    return text.replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`${fileName} is not UTF-8 text; save it as UTF-8 and upload it again.`);
  }
}

async function pdfText(bytes: Uint8Array, fileName: string, progress: ExtractionProgress): Promise<string> {
  let pdf;
  try {
    // pdf.js takes ownership of the buffer it reads; it gets a copy. No worker: this runs in Node.
    pdf = await getDocument({ data: bytes.slice(), useWorkerFetch: false, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (error) {
    const reason = error instanceof Error && error.name === 'PasswordException' ? 'it is protected by a password' : 'it is damaged or not a PDF';
    throw new UnreadableFile(`${fileName} could not be read: ${reason}.`);
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.trim());
      page.cleanup();
      progress(number, pdf.numPages);
    }
    return pages.filter((page) => page !== '').join('\n\n');
  } catch {
    throw new UnreadableFile(`${fileName} could not be read: a page of it is damaged.`);
  } finally {
    await pdf.destroy();
  }
}

async function docxText(bytes: Uint8Array, fileName: string): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return value;
  } catch {
    throw new UnreadableFile(`${fileName} could not be read: it is damaged or not a Word (.docx) file.`);
  }
}

/**
 * The text of an uploaded file: text and Markdown as they are (UTF-8), a PDF's pages and a Word
 * document's paragraphs separated by blank lines, so that chunks follow them. A file that holds no
 * text at all (a scanned PDF) is refused too: nothing in it could be found.
 */
export async function extractText(format: KnowledgeUploadFormat, bytes: Uint8Array, fileName: string, progress: ExtractionProgress = () => undefined): Promise<string> {
  const raw = format === 'text' ? decodeText(bytes, fileName) : format === 'pdf' ? await pdfText(bytes, fileName, progress) : await docxText(bytes, fileName);
  if (format !== 'pdf') progress(1, 1);
  const text = raw.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (text === '') throw new UnreadableFile(`${fileName} holds no text to search${format === 'pdf' ? ' (a scanned PDF has only images of text)' : ''}.`);
  return text;
}
