import { makeDocx } from '../fixtures/make-docx';
import { makePdf } from '../fixtures/make-pdf';
import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

const limit = 200 * 1024;

test('knowledge upload: a PDF and a Word file become cited sources, and oversize or unreadable files are refused whole', async ({ launchApp, page, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const app = await launchApp({ maxKnowledgeUploadBytes: limit });
    const created = await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'Local fixture', description: '', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'public' } },
    });
    expect(['applied', 'queued']).toContain(created.status);
    await page.goto(app.url);
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();

    await page.getByRole('button', { name: 'Knowledge' }).click();
    const view = page.getByRole('main', { name: 'Knowledge bases' });
    await view.getByLabel('Name').fill('Policies');
    await view.getByRole('button', { name: 'Create knowledge base' }).click();
    const base = view.getByRole('region', { name: 'Knowledge base Policies' });
    await base.getByLabel('Bind to project').selectOption({ label: 'Default' });
    await base.getByRole('button', { name: 'Bind' }).click();
    await expect(base.getByRole('status').first()).toHaveText('Bound to Default.');

    const pdf = makePdf([
      ['Leave policy', 'Everyone gets twenty-five vacation days a year.'],
      ['Unused vacation days carry over until March.'],
    ]);
    const docx = await makeDocx(['Onboarding', 'Every newcomer gets an onboarding buddy from their team in the first week.']);
    await base.getByLabel('Choose files to upload').setInputFiles([
      { name: 'leave-policy.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) },
      { name: 'onboarding.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(docx) },
    ]);
    const uploads = base.getByRole('list', { name: 'Uploads' });
    await expect(uploads.getByRole('listitem', { name: 'Upload leave-policy.pdf' })).toContainText('Added');
    await expect(uploads.getByRole('listitem', { name: 'Upload onboarding.docx' })).toContainText('Added');
    await expect(base.getByRole('button', { name: 'leave-policy.pdf' })).toBeVisible();
    await expect(base.getByRole('button', { name: 'onboarding.docx' })).toBeVisible();

    // Dropped files take the same way; a file over the limit and a damaged PDF are refused with the reason.
    await page.evaluate(async () => {
      const zone = document.querySelector('[data-testid="knowledge-drop-zone"]');
      if (zone === null) throw new Error('no drop zone');
      const transfer = new DataTransfer();
      transfer.items.add(new File(['# Expenses\nReceipts go to finance within a month.'], 'expenses.md', { type: 'text/markdown' }));
      transfer.items.add(new File(['x'.repeat(300 * 1024)], 'huge.txt', { type: 'text/plain' }));
      transfer.items.add(new File(['%PDF-1.4 this is not really a PDF'], 'broken.pdf', { type: 'application/pdf' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await Promise.resolve();
    });
    await expect(uploads.getByRole('listitem', { name: 'Upload expenses.md' })).toContainText('Added');
    await expect(uploads.getByRole('listitem', { name: 'Upload huge.txt' }).getByRole('alert')).toHaveText('huge.txt is 300 KB; files up to 200 KB can be uploaded.');
    await expect(uploads.getByRole('listitem', { name: 'Upload broken.pdf' }).getByRole('alert')).toHaveText('broken.pdf could not be read: it is damaged or not a PDF.');
    await expect(base.getByRole('button', { name: 'expenses.md' })).toBeVisible();
    await expect(base.getByRole('table', { name: 'Documents' }).getByRole('row')).toHaveCount(4);
    await shot(page, '1-uploaded-and-refused');

    // An answer built on the passages cites both files, path and passage.
    await page.getByRole('button', { name: 'Default' }).first().click();
    await page.getByLabel('New conversation title').fill('Time off');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('heading', { name: 'Time off' })).toBeVisible();
    llm.enqueue({ kind: 'text', pieces: ['You get twenty-five vacation days [leave-policy.pdf]. ', 'Your team names an onboarding buddy [onboarding.docx].'] });
    await page.getByRole('textbox', { name: 'Message' }).fill('How many vacation days, and who is my onboarding buddy?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const answer = page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'Message from Assistant' });
    const sources = answer.getByRole('complementary', { name: 'Sources' });
    await expect(sources.getByRole('button', { name: 'Open leave-policy.pdf' })).toBeVisible();
    await expect(sources.getByRole('button', { name: 'Open onboarding.docx' })).toBeVisible();
    await expect(sources).toContainText('twenty-five vacation days');
    await expect(sources).toContainText('onboarding buddy');
    const system = (llm.requests[0]?.messages as { role: string; content: string }[])[0];
    expect(system?.content).toContain('[leave-policy.pdf]');
    expect(system?.content).toContain('[onboarding.docx]');
    await shot(page, '2-cited-answer');

    // A citation opens its document in the knowledge view.
    await sources.getByRole('button', { name: 'Open leave-policy.pdf' }).click();
    const opened = page.getByRole('form', { name: 'Document' });
    await expect(opened.getByLabel('Path')).toHaveValue('leave-policy.pdf');
    await expect(opened.getByLabel(/^Content/)).toHaveValue(/Unused vacation days carry over until March\./);
    await shot(page, '3-citation-opened');
  } finally {
    await llm.close();
  }
});
