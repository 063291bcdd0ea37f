import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

test('an untitled conversation is named by the project’s model after its first exchange, or by its first words when the model cannot name it', async ({ launchApp, page, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const app = await launchApp();
    const created = await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'Local fixture', description: '', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'public' } },
    });
    expect(['applied', 'queued']).toContain(created.status);
    await page.goto(app.url);
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
    const list = page.getByRole('complementary', { name: 'Conversations' });
    const ask = async (question: string) => {
      await page.getByRole('button', { name: 'Start' }).click();
      await expect(page.getByRole('heading', { name: 'Untitled conversation' })).toBeVisible();
      await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'Local fixture' })).toHaveCount(1);
      await page.getByRole('textbox', { name: 'Message' }).fill(question);
      await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    };

    // The answer, then the title the model gives for the exchange.
    llm.enqueue({ kind: 'text', pieces: ['Book the hall ', 'by Friday.'] }, { kind: 'text', pieces: ['"Offsite venue booking"'] });
    await ask('Where should we hold the offsite this spring?');
    await expect(page.getByRole('heading', { name: 'Offsite venue booking' })).toBeVisible();
    await expect(list.getByRole('button', { name: 'Offsite venue booking' })).toHaveAccessibleDescription('Book the hall by Friday.');
    const titleRequest = llm.requests.at(-1)?.messages as { role: string; content: string }[];
    expect(titleRequest.map((m) => m.content)).toContain('Where should we hold the offsite this spring?');
    expect(titleRequest.map((m) => m.content)).toContain('Book the hall by Friday.');
    await shot(page, '1-model-title');

    // The model answers but fails to name it: the first words stay.
    llm.enqueue({ kind: 'text', pieces: ['Twelve people.'] }, { kind: 'http-error', status: 503, message: 'Overloaded' });
    await ask('How many people signed up for the offsite so far?');
    await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Twelve people.');
    await expect.poll(() => llm.requests.length).toBe(4);
    await expect(page.getByRole('heading', { name: 'How many people signed up for the offsite', exact: true })).toBeVisible();
    await shot(page, '2-first-words');
  } finally {
    await llm.close();
  }
});
