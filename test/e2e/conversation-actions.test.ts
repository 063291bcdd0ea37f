import { expect, test } from './support/fixtures';

test('a person renames, pins, archives and deletes conversations', async ({ launchApp, page, shot }) => {
  const app = await launchApp();
  await page.goto(app.url);
  const list = page.getByRole('complementary', { name: 'Conversations' });
  for (const title of ['Budget', 'Hiring plan']) {
    await page.getByLabel('New conversation title').fill(title);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }

  // Rename the open one: the list and the heading follow.
  await list.getByRole('toolbar', { name: 'Actions for Hiring plan' }).getByRole('button', { name: 'Rename' }).click();
  await list.getByLabel('Conversation title', { exact: true }).fill('Hiring plan 2026');
  await list.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Hiring plan 2026' })).toBeVisible();

  // Pin Budget: it comes first and says so.
  await list.getByRole('button', { name: 'Budget' }).click();
  await list.getByRole('toolbar', { name: 'Actions for Budget' }).getByRole('button', { name: 'Pin' }).click();
  await expect(list.locator('.conv-list').first().locator('.conv-item').first().locator('.conv-title')).toHaveText('★ Budget');
  await shot(page, '1-pinned');

  // Archive it: out of the list, back from the archive.
  await list.getByRole('toolbar', { name: 'Actions for Budget' }).getByRole('button', { name: 'Archive' }).click();
  await expect(list.getByRole('button', { name: 'Show archived (1)' })).toBeVisible();
  await list.getByRole('button', { name: 'Show archived (1)' }).click();
  await expect(list.getByRole('list', { name: 'Archived conversations' }).getByRole('button', { name: 'Budget' })).toBeVisible();
  await list.getByRole('toolbar', { name: 'Actions for Budget' }).getByRole('button', { name: 'Unarchive' }).click();
  await expect(list.getByRole('list', { name: 'Archived conversations' })).toHaveCount(0);
  // The arrangement is kept across a reload.
  await list.getByRole('toolbar', { name: 'Actions for Budget' }).getByRole('button', { name: 'Archive' }).click();
  await page.reload();
  await expect(page.getByRole('complementary', { name: 'Conversations' }).getByRole('button', { name: 'Show archived (1)' })).toBeVisible();

  // Delete the renamed one after a confirmation.
  await list.getByRole('button', { name: 'Hiring plan 2026' }).click();
  await list.getByRole('toolbar', { name: 'Actions for Hiring plan 2026' }).getByRole('button', { name: 'Delete' }).click();
  await shot(page, '2-confirm-delete');
  await list.getByRole('group', { name: 'Confirm deleting the conversation' }).getByRole('button', { name: 'Delete' }).click();
  await expect(list.getByRole('button', { name: 'Hiring plan 2026' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('complementary', { name: 'Conversations' }).getByRole('button', { name: 'Show archived (1)' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Conversations' }).getByRole('button', { name: 'Hiring plan 2026' })).toHaveCount(0);
});
