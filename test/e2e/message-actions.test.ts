import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

const markdownAnswer = [
  'Here is the plan:\n\n',
  '| Step | Owner |\n|---|---|\n| Book | Ann |\n| Ship | Bob |\n\n',
  '```ts\nconst ready = true;\n```\n\n',
  '- [x] ~~draft~~ done\n\nSee https://example.com/docs for more.',
];

test('answers render as Markdown; messages are copied, regenerated, edited and resent, deleted, and found by a prefix', async ({ launchApp, page, shot }) => {
  test.setTimeout(120_000);
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const app = await launchApp();
    const created = await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'Local fixture', description: 'The test endpoint', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'public' } },
    });
    expect(['applied', 'queued']).toContain(created.status);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(app.url);
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
    await page.getByLabel('New conversation title').fill('Release');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'Local fixture' })).toHaveCount(1);

    llm.enqueue({ kind: 'text', pieces: markdownAnswer, delayMs: 100 });
    await page.getByRole('textbox', { name: 'Message' }).fill('How do we go live?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const log = page.getByRole('log', { name: 'Messages' });
    const answer = log.getByRole('article', { name: 'Message from Assistant' });
    await expect(answer.getByRole('cell', { name: 'Ship' })).toBeVisible();
    await expect(answer.getByText('answering…')).toHaveCount(0);
    await expect(answer.locator('pre code .hljs-keyword', { hasText: 'const' })).toBeVisible();
    await expect(answer.locator('del', { hasText: 'draft' })).toBeVisible();
    await expect(answer.getByRole('checkbox')).toBeChecked();
    const link = answer.getByRole('link', { name: 'https://example.com/docs' });
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    await answer.getByRole('button', { name: 'Copy code' }).click();
    await expect(answer.getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('const ready = true;');
    await shot(page, '1-markdown');

    // Regenerate: the new answer is shown as 2 / 2, the first stays one click away.
    llm.enqueue({ kind: 'text', pieces: ['A second ', 'answer.'] });
    await answer.getByRole('button', { name: 'Regenerate' }).click();
    await expect(answer).toContainText('A second answer.');
    await expect(answer.getByText('2 / 2')).toBeVisible();
    expect((llm.requests.at(-1)?.messages as { role: string; content: string }[]).at(-1)).toEqual({ role: 'user', content: 'How do we go live?' });
    await answer.getByRole('button', { name: 'Previous alternative' }).click();
    await expect(answer.getByText('1 / 2')).toBeVisible();
    await expect(answer.getByRole('cell', { name: 'Ship' })).toBeVisible();
    await shot(page, '2-regenerated');

    // Edit and resend: the thread branches; the old branch stays reachable.
    llm.enqueue({ kind: 'text', pieces: ['Friday it is.'] });
    const question = log.getByRole('article', { name: /^Message from / }).first();
    await question.getByRole('button', { name: 'Edit' }).click();
    await question.getByRole('textbox', { name: 'Edit message' }).fill('When do we go live?');
    await question.getByRole('button', { name: 'Save and resend' }).click();
    await expect(question).toContainText('When do we go live?');
    await expect(question.getByText('2 / 2')).toBeVisible();
    await expect(answer).toContainText('Friday it is.');
    await question.getByRole('button', { name: 'Previous alternative' }).click();
    await expect(question).toContainText('How do we go live?');
    // The old branch as it was left: its first answer chosen among two.
    await expect(answer.getByText('1 / 2')).toBeVisible();
    await expect(answer.getByRole('cell', { name: 'Ship' })).toBeVisible();
    await question.getByRole('button', { name: 'Next alternative' }).click();
    await expect(answer).toContainText('Friday it is.');
    await shot(page, '3-edited');

    // Delete: a tombstone stays in place.
    await question.getByRole('button', { name: 'Delete' }).click();
    await expect(question).toContainText('This message was deleted.');
    await expect(question).not.toContainText('When do we go live?');
    await shot(page, '4-deleted');

    // Search by the beginning of a word; the hit opens the conversation at the message.
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search this project' }).fill('frid');
    // The index catches up in the background: search again until the answer is in it.
    await expect(async () => {
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect(page.locator('.hit').first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await page.locator('.hit').first().click();
    const focused = page.locator('.message-focused');
    await expect(focused).toContainText('Friday it is.');
    await shot(page, '5-search-hit');
  } finally {
    await llm.close();
  }
});
