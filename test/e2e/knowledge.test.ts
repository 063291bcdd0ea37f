import { expect, test } from './support/fixtures';

test('knowledge: a base with a document under a team path, bound to the project', async ({ launchApp, page, shot }) => {
  const app = await launchApp();
  await page.goto(app.url);
  await expect(page.getByRole('main', { name: /^Project / })).toBeVisible();

  await page.getByRole('button', { name: 'Knowledge' }).click();
  const view = page.getByRole('main', { name: 'Knowledge bases' });
  await expect(view.getByText('No knowledge bases yet.')).toBeVisible();

  await view.getByLabel('Name').fill('Platform handbook');
  await view.getByRole('button', { name: 'Create knowledge base' }).click();
  const base = view.getByRole('region', { name: 'Knowledge base Platform handbook' });
  await expect(base).toBeVisible();

  await base.getByRole('button', { name: 'New document' }).click();
  await base.getByLabel('Path').fill('teams/platform/../escape.md');
  await base.getByLabel('Content (Markdown or text)').fill('# Deploys\nDeploys go out on Tuesdays after the canary passes.');
  await base.getByRole('button', { name: 'Save document' }).click();
  // The path rules are the server's: a path that climbs out is refused with the reason.
  await expect(base.getByRole('status')).toContainText(/path/i);

  await base.getByLabel('Path').fill('teams/platform/deploys.md');
  await base.getByRole('button', { name: 'Save document' }).click();
  await expect(base.getByRole('status')).toHaveText('Saved.');
  await expect(base.getByRole('button', { name: 'teams/platform/deploys.md' })).toBeVisible();
  await shot(page, '1-knowledge-base');

  await base.getByLabel('Bind to project').selectOption({ label: 'Default' });
  await base.getByRole('button', { name: 'Bind' }).click();
  await expect(base.getByRole('status')).toHaveText('Bound to Default.');

  // The project's settings now show the base as one of its knowledge bases.
  await page.getByRole('button', { name: 'Default' }).first().click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByText('Platform handbook').first()).toBeVisible();
  await shot(page, '2-bound-in-settings');
});
