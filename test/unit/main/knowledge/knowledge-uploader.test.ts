import { describe, expect, it } from 'vitest';
import type { KnowledgeUploadProgress } from '../../../../shared/domain/knowledge-upload';
import { AppFailure } from '../../../../main/app-api/app-failure';
import { createKnowledgeUploader } from '../../../../main/knowledge/knowledge-uploader';
import { makeDocx } from '../../../fixtures/make-docx';
import { makePdf } from '../../../fixtures/make-pdf';

const baseId = 'kb_aaaaaaaaaaaaaaaa';

function uploader(maxBytes = 1024 * 1024) {
  const stored: { path: string; content: string }[] = [];
  const events: KnowledgeUploadProgress[] = [];
  const upload = createKnowledgeUploader({
    maxBytes,
    store: (_base, path, content) => {
      stored.push({ path, content });
      const at = '2026-01-01T00:00:00.000Z';
      return Promise.resolve({ status: 'applied', response: { id: 'kbd_aaaaaaaaaaaaaaaa', knowledgeBaseId: baseId, path, content, createdAt: at, updatedAt: at } });
    },
    progress: (event) => events.push(event),
  });
  const send = (path: string, bytes: Uint8Array) => upload({ uploadId: 'u1', knowledgeBaseId: baseId, path, data: Buffer.from(bytes).toString('base64') });
  return { stored, events, send };
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppFailure)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const text = (s: string) => new TextEncoder().encode(s);

describe('knowledge uploads', () => {
  it('stores a PDF as its pages of text, reporting each page, then storing', async () => {
    const { stored, events, send } = uploader();
    await send('policies/leave.pdf', makePdf([['Page one (intro)'], ['Page two: quokkas']]));
    expect(stored).toEqual([{ path: 'policies/leave.pdf', content: 'Page one (intro)\n\nPage two: quokkas' }]);
    expect(events.map((e) => `${e.phase} ${String(e.done)}/${String(e.total)}`)).toEqual(['extracting 1/2', 'extracting 2/2', 'storing 0/1']);
  });

  it('stores a Word file as its paragraphs, and Markdown as written', async () => {
    const { stored, send } = uploader();
    await send('onboarding.docx', await makeDocx(['Welcome', 'Your buddy & you']));
    await send('notes.md', text('\uFEFF# Title\r\n\r\n\r\n\r\nBody'));
    expect(stored.map((s) => s.content)).toEqual(['Welcome\n\nYour buddy & you', '# Title\n\nBody']);
  });

  it('refuses a file over the limit before reading it, and stores nothing', async () => {
    const { stored, send } = uploader(1024);
    expect(await refusal(send('big.txt', text('x'.repeat(2048))))).toEqual({ code: 'payload_too_large', message: 'big.txt is 2 KB; files up to 1 KB can be uploaded.' });
    expect(stored).toEqual([]);
  });

  it('refuses unreadable files with the reason, and stores nothing', async () => {
    const { stored, events, send } = uploader();
    expect(await refusal(send('broken.pdf', text('%PDF-1.4 nonsense')))).toEqual({ code: 'bad_request', message: 'broken.pdf could not be read: it is damaged or not a PDF.' });
    expect((await refusal(send('broken.docx', text('not a zip')))).message).toBe('broken.docx could not be read: it is damaged or not a Word (.docx) file.');
    expect((await refusal(send('latin.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])))).message).toBe('latin.txt is not UTF-8 text; save it as UTF-8 and upload it again.');
    expect((await refusal(send('image.md', new Uint8Array([0x50, 0x4e, 0x00, 0x47])))).message).toBe('image.md is not a text file: it holds binary data.');
    expect((await refusal(send('scan.pdf', makePdf([[]])))).message).toBe('scan.pdf holds no text to search (a scanned PDF has only images of text).');
    expect(stored).toEqual([]);
    expect(events.some((e) => e.phase === 'storing')).toBe(false);
  });

  it('refuses a file whose text is over a document’s length', async () => {
    const { stored, send } = uploader(4 * 1024 * 1024);
    expect((await refusal(send('long.txt', text('word '.repeat(250_000))))).message).toBe(
      'long.txt holds 1,249,999 characters of text; a document holds at most 1,000,000. Split it and upload the parts.',
    );
    expect(stored).toEqual([]);
  });
});
