import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { expect, test } from './support/fixtures';

test('first run: the organization is named, the model endpoint tested and registered, and a conversation is ready', async ({ launchApp, page, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat', 'fixture-large'], apiKey: 'sk-fixture' });
  try {
    const app = await launchApp({ firstRun: true });
    await page.goto(app.url);
    const setup = page.getByRole('form', { name: 'Set up Quorum' });
    await expect(setup.getByRole('heading', { name: 'Set up your organization' })).toBeVisible();
    await expect(setup.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    await setup.getByLabel('Organization name').fill('Harbor Labs');

    // A wrong key is told in words, and finishing waits for a working endpoint or none.
    await setup.getByLabel('Base URL').fill(llm.baseUrl);
    await setup.getByLabel('API key').fill('sk-wrong');
    await setup.getByRole('button', { name: 'Test connection' }).click();
    await expect(setup.getByRole('alert')).toBeVisible();
    await expect(setup.getByRole('button', { name: 'Finish setup' })).toBeDisabled();
    await expect(setup.getByText('Test the connection first, or clear the address')).toBeVisible();
    await shot(page, '1-wrong-key');

    await setup.getByLabel('API key').fill('sk-fixture');
    await setup.getByRole('button', { name: 'Test connection' }).click();
    await expect(setup.getByRole('status')).toContainText('Connected: 2 models');
    await setup.getByLabel('Model to use').selectOption('fixture-large');
    await shot(page, '2-connected');
    await setup.getByRole('button', { name: 'Finish setup' }).click();

    // Lands in the default project with a conversation open and the model offered.
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'First conversation' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Navigation' }).getByTitle('Organization')).toHaveText('Harbor Labs');
    await expect(page.getByRole('combobox', { name: 'Model' }).locator('option', { hasText: 'fixture-large' })).toHaveCount(1);
    await shot(page, '3-ready');

    // A second model of the same name is told apart in the picker by who owns it and who sees it.
    await app.services.handlers['directory.request']({
      endpoint: 'model.create',
      body: { name: 'fixture-large', provider: { baseUrl: llm.baseUrl, model: 'fixture-chat' }, visibility: { level: 'private' } },
    });
    const picker = page.getByRole('combobox', { name: 'Model' });
    await expect(picker.locator('option', { hasText: /^fixture-large \(.+ · private\)$/ })).toHaveCount(1);
    await expect(picker.locator('option', { hasText: /^fixture-large \(.+ · public\)$/ })).toHaveCount(1);
    await picker.selectOption({ label: (await picker.locator('option', { hasText: /public\)$/ }).textContent()) ?? '' });

    // The model answers with the key kept on this machine.
    llm.enqueue({ kind: 'text', pieces: ['Hello from the fixture.'] });
    await page.getByRole('textbox', { name: 'Message' }).fill('Say hello.');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Hello from the fixture.');

    // Setup is not offered again.
    await page.reload();
    await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Set up Quorum' })).toHaveCount(0);
  } finally {
    await llm.close();
  }
});

test('first run can be skipped', async ({ launchApp, page }) => {
  const app = await launchApp({ firstRun: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();
});
