import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';

test('a project exports as Markdown and JSON, and the app reads well in the dark theme', async ({ launchApp, page, shot }) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();

  await page.getByLabel('New conversation title').fill('Quarterly review');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Revenue grew in every region.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByRole('log', { name: 'Messages' }).getByText('Revenue grew in every region.')).toBeVisible();

  const exports = page.getByRole('group', { name: 'Export' });
  const [markdown] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(markdown.suggestedFilename()).toBe('default.md');
  const markdownText = readFileSync(await markdown.path(), 'utf8');
  expect(markdownText).toContain('Quarterly review');
  expect(markdownText).toContain('Revenue grew in every region.');

  const [json] = await Promise.all([page.waitForEvent('download'), exports.getByRole('button', { name: 'Export JSON' }).click()]);
  const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as { project: { canonicalName: string }; messages: unknown[] };
  expect(exported.project.canonicalName).toBe('default');
  expect(JSON.stringify(exported.messages)).toContain('Revenue grew in every region.');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, '1-dark-settings');
  await page.getByRole('button', { name: 'Default' }).first().click();
  await page.getByRole('button', { name: 'Quarterly review' }).click();
  await expect(page.getByRole('log', { name: 'Messages' }).getByText('Revenue grew in every region.')).toBeVisible();
  await shot(page, '2-dark-chat');
});
