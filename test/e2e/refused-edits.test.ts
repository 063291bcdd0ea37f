import { createWorld, password } from '../unit/sync-server/support/world';
import { startCuttableLink } from '../fixtures/cuttable-link';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('a message written offline by someone made a viewer meanwhile is refused: the dropped edit is listed and the notice dismissed', async ({
  server,
  launchApp,
  page,
  shot,
}) => {
  test.setTimeout(90_000);
  const world = await createWorld(server);
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Site visit', kind: 'shared' } });
  const link = await startCuttableLink(server.url);
  try {
    const app = await launchApp({ embeddedUrl: null });
    await page.goto(app.url);
    await signInThroughUi(page, link.url, world.actors.editor.email, password);
    await page.getByRole('button', { name: /^Alpha/ }).click();
    await page.getByRole('button', { name: 'Site visit' }).click();
    await expect(page.getByTestId('sync-status')).toHaveText('Online');

    // The network drops out; the editor writes on, and the message waits on this computer.
    link.cut();
    const text = 'Budget approved: order the scaffolding.';
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(page.getByText('Not yet stored on the server')).toBeVisible();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect(log.getByText(text)).toBeVisible();

    // Meanwhile the owner makes the editor a viewer: when the message arrives, the server refuses it.
    await world.as('owner')('POST', `/projects/${world.projectId}/members`, { body: { userId: world.actors.editor.userId, role: 'viewer' } });
    link.restore();
    const notice = page.getByRole('region', { name: 'Change refused' });
    await expect(notice.getByRole('alert')).toContainText('did not accept a change made here', { timeout: 45_000 });
    await expect(log.getByText(text)).toHaveCount(0);
    await expect(page.getByTestId('sync-status')).toHaveText('Change refused');
    await shot(page, '1-refused');

    // What was dropped, why, and where: the message itself is there to copy.
    await notice.getByRole('button', { name: 'Show dropped edits' }).click();
    const dropped = notice.getByRole('list', { name: 'Dropped edits in Conversation “Site visit”' });
    await expect(dropped.getByRole('listitem')).toHaveCount(1);
    await expect(dropped.getByText(/^Dropped .* in messages\.\*$/)).toBeVisible();
    await expect(dropped.getByText(/^The server refused it: .*viewer/i)).toBeVisible();
    await expect(dropped.getByText(text, { exact: true })).toBeVisible();
    await shot(page, '2-dropped-edits');

    // The sync status leads to the same notice; dismissing it there clears it everywhere.
    await page.getByRole('button', { name: /^Sync: Change refused/ }).click();
    const pending = page.getByRole('main', { name: 'Pending changes' });
    await expect(pending.getByRole('heading', { name: 'Conversation “Site visit”' })).toBeVisible();
    // The message, and the note of activity it left in the project's conversation list: both refused.
    await expect(pending.getByRole('heading', { name: 'Project “Alpha”' })).toBeVisible();
    const show = pending.getByRole('button', { name: 'Show dropped edits' });
    await expect(show).toHaveCount(2);
    await show.first().click();
    await show.first().click();
    await expect(pending.getByRole('button', { name: 'Hide dropped edits' })).toHaveCount(2);
    await expect(pending.getByText(text, { exact: true })).toBeVisible();
    await shot(page, '3-pending-changes');
    const dismiss = pending.getByRole('button', { name: 'Dismiss' });
    await dismiss.first().click();
    await expect(dismiss).toHaveCount(1);
    await dismiss.first().click();
    await expect(pending.getByRole('region', { name: 'Change refused' })).toHaveCount(0);
    await expect(page.getByTestId('sync-status')).toHaveText('Online');

    // Dismissed is remembered: opened again, the conversation shows no notice for this refusal.
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Alpha/ }).click();
    await page.getByRole('button', { name: 'Site visit' }).click();
    await expect(page.getByRole('heading', { name: 'Site visit' })).toBeVisible();
    await expect(page.getByText('No messages yet.')).toBeVisible();
    await expect(page.getByTestId('sync-status')).toHaveText('Online');
    await expect(page.getByRole('region', { name: 'Change refused' })).toHaveCount(0);
    await shot(page, '4-dismissed');
  } finally {
    await link.close();
  }
});
