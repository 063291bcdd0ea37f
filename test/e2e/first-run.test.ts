import { expect, test } from './support/fixtures';

test('first run: the default project, a shared conversation and a message', async ({ launchApp, page, shot }) => {
  const app = await launchApp();
  await page.goto(app.url);

  // The secret leaves the address bar at once; the project view comes up signed in.
  await expect(page).not.toHaveURL(/secret=/);
  const project = page.getByRole('main', { name: /^Project / });
  await expect(project).toBeVisible();
  await expect(page.getByTestId('sync-status')).toBeVisible();
  await shot(page, '1-default-project');

  await page.getByLabel('New conversation title').fill('Launch plan');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Launch plan' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Message' }).fill('Draft the launch checklist for Friday.');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const log = page.getByRole('log', { name: 'Messages' });
  await expect(log.getByText('Draft the launch checklist for Friday.')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveText('Online');
  await shot(page, '2-message-sent');

  // A reload keeps working: the secret was kept for this tab, and the message is stored.
  await page.reload();
  await page.getByRole('button', { name: 'Launch plan' }).click();
  await expect(page.getByRole('log', { name: 'Messages' }).getByText('Draft the launch checklist for Friday.')).toBeVisible();

  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByLabel('Search this project').fill('checklist');
  // The local index catches up with a new message within moments; a person would search again.
  await expect(async () => {
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.locator('mark', { hasText: 'checklist' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await shot(page, '3-search');

  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByText('Models allowed')).toBeVisible();
  await shot(page, '4-settings');

  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page.getByRole('table')).toBeVisible();
  await shot(page, '5-members');
});
