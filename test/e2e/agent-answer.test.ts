import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

test('first run: an agent streams its answer from the local model server, and can be stopped', async ({ launchApp, page, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const app = await launchApp();
    // The registry has no form to register a model yet: the setup registers it through the app API.
    const created = await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'Local fixture', description: 'The test endpoint', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'public' } },
    });
    // Right after start the app may not have confirmed the connection yet: then the change waits in the outbox.
    expect(['applied', 'queued']).toContain(created.status);
    await page.goto(app.url);
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();

    await page.getByLabel('New conversation title').fill('Launch checklist');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('heading', { name: 'Launch checklist' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Agent' })).toHaveValue(/.+/);
    await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'Local fixture' })).toHaveCount(1);
    await shot(page, '1-composer-pickers');

    llm.enqueue({ kind: 'text', pieces: ['First, ', 'book the room. ', 'Then send ', 'the invitations. ', 'Finally, rehearse the demo.'], delayMs: 300 });
    await page.getByRole('textbox', { name: 'Message' }).fill('What should the launch checklist say?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');

    const log = page.getByRole('log', { name: 'Messages' });
    const answer = log.getByRole('article', { name: 'Message from Assistant' });
    // Part of the answer is there while the rest is still coming.
    await expect(answer).toContainText('book the room');
    await expect(answer).not.toContainText('rehearse the demo');
    await expect(answer.getByText('answering…')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
    await shot(page, '2-streaming');

    await expect(answer).toContainText('First, book the room. Then send the invitations. Finally, rehearse the demo.');
    await expect(answer.getByText('answering…')).toHaveCount(0);
    await answer.getByRole('button', { name: 'Rate 4 of 5' }).click();
    await expect(answer.getByText('4.0 from 1')).toBeVisible();
    expect(llm.requests[0]?.model).toBe('fixture-chat');
    await shot(page, '3-answered-and-rated');

    // A second answer that never finishes: Stop ends it and it is marked as stopped.
    llm.enqueue({ kind: 'stall', before: ['Let me think about the budget'] });
    await page.getByRole('textbox', { name: 'Message' }).fill('And the budget?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const second = log.getByRole('article', { name: 'Message from Assistant' }).nth(1);
    await expect(second).toContainText('Let me think about the budget');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(second.getByText('stopped')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    await shot(page, '4-stopped');

    // The provider key form says where keys live, and sets and clears one.
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByText('Keys stay on this computer')).toBeVisible();
    await page.getByLabel('API key for Local fixture').fill('sk-test-123');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('cell', { name: 'Key set' })).toBeVisible();
    await shot(page, '5-provider-key');
    await page.getByRole('button', { name: 'Clear the key for Local fixture' }).click();
    await expect(page.getByRole('cell', { name: 'No key' })).toBeVisible();
  } finally {
    await llm.close();
  }
});
