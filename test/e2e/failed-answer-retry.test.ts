import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

test('a failed answer says why once, in the conversation, and Retry asks again', async ({ launchApp, page, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const app = await launchApp();
    const created = await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'Local fixture', description: '', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'public' } },
    });
    expect(['applied', 'queued']).toContain(created.status);
    await page.goto(app.url);
    await page.getByLabel('New conversation title').fill('Flaky endpoint');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'Local fixture' })).toHaveCount(1);

    llm.enqueue({ kind: 'http-error', status: 502, message: 'Upstream model crashed' });
    await page.getByRole('textbox', { name: 'Message' }).fill('Summarize the plan');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const log = page.getByRole('log', { name: 'Messages' });
    const failed = log.getByRole('article', { name: 'Message from Assistant' });
    await expect(failed.getByText('failed')).toBeVisible();
    await expect(failed).toContainText('Upstream model crashed');
    const retry = page.getByRole('group', { name: 'The answer failed' }).getByRole('button', { name: 'Retry the answer' });
    await expect(retry).toBeVisible();
    // The reason is in the answer once, not repeated under the composer.
    await expect(log.getByText('Upstream model crashed')).toHaveCount(1);
    await expect(page.getByRole('group', { name: 'The answer failed' })).not.toContainText('Upstream model crashed');
    await shot(page, '1-failed-once');

    llm.enqueue({ kind: 'text', pieces: ['The plan: ship on Friday.'] });
    await retry.click();
    await expect(log.getByRole('article', { name: 'Message from Assistant' }).nth(1)).toContainText('The plan: ship on Friday.');
    await expect(page.getByRole('group', { name: 'The answer failed' })).toHaveCount(0);
    expect(llm.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    await shot(page, '2-retried');
  } finally {
    await llm.close();
  }
});
