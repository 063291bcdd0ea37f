import { startTestServer } from '../unit/sync-server/support/test-server';
import type { TestServer } from '../unit/sync-server/support/test-server';
import { createWorld, password } from '../unit/sync-server/support/world';
import { startCuttableLink } from '../fixtures/cuttable-link';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('offline: the server stops, work goes on here, and everything converges when it returns', async ({ server, launchApp, browser, shot }) => {
  test.setTimeout(60_000);
  const world = await createWorld(server);
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Field notes', kind: 'shared' } });
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Site survey', kind: 'shared' } });
  // The apps reach the server through a relay, so that the server can come back on a port of its own.
  const link = await startCuttableLink(server.url);
  const [ownerApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const ownerContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const member = await memberContext.newPage();
  await owner.goto(ownerApp.url);
  await signInThroughUi(owner, link.url, world.actors.owner.email, password);
  await member.goto(memberApp.url);
  await signInThroughUi(member, link.url, world.actors.member.email, password);
  for (const page of [owner, member]) {
    await page.getByRole('button', { name: /^Alpha/ }).click();
    await page.getByRole('button', { name: 'Field notes' }).click();
  }
  await owner.getByRole('textbox', { name: 'Message' }).fill('Arrived on site, starting the survey.');
  await owner.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(member.getByRole('log', { name: 'Messages' }).getByText('Arrived on site, starting the survey.')).toBeVisible();

  let revived: TestServer | null = null;
  try {
    await server.stop();
    await expect(owner.getByTestId('sync-status')).toHaveText('Offline');
    await shot(owner, '1-offline');

    // Reading goes on: another conversation opens from the local copy.
    await owner.getByRole('button', { name: 'Site survey' }).click();
    await expect(owner.getByRole('heading', { name: 'Site survey' })).toBeVisible();
    await owner.getByRole('button', { name: 'Field notes' }).click();
    await expect(owner.getByRole('log', { name: 'Messages' }).getByText('Arrived on site, starting the survey.')).toBeVisible();

    // Writing goes on: the messages appear here at once, marked as not yet stored.
    for (const text of ['No signal in the valley.', 'North wall is cracked; photos taken.']) {
      await owner.getByRole('textbox', { name: 'Message' }).fill(text);
      await owner.getByRole('textbox', { name: 'Message' }).press('Enter');
      await expect(owner.getByRole('log', { name: 'Messages' }).getByText(text)).toBeVisible();
    }
    await expect(owner.getByText('Not yet stored on the server')).toBeVisible();
    await shot(owner, '2-written-offline');

    // A settings change made offline waits in the outbox, one click away from the sync status.
    await owner.getByRole('tab', { name: 'Settings' }).click();
    await expect(owner.getByText('Offline: these are the settings as last read')).toBeVisible();
    await owner.getByLabel('System prompt override').fill('Answer briefly; the team is in the field.');
    await owner.getByRole('button', { name: 'Save settings' }).click();
    await expect(owner.getByText('it will be sent when the server is reachable')).toBeVisible();
    await owner.getByRole('button', { name: /^Sync: Offline/ }).click();
    await expect(owner.getByRole('main', { name: 'Pending changes' })).toBeVisible();
    await expect(owner.getByText('You are offline.')).toBeVisible();
    await expect(owner.getByRole('list', { name: 'Changes' }).getByText('Waiting')).toBeVisible();
    await shot(owner, '3-pending-changes');

    revived = await startTestServer({ dataDir: server.dataDir });
    link.retarget(revived.url);
    await expect(owner.getByTestId('sync-status')).toHaveText('Online', { timeout: 30_000 });
    await expect(owner.getByText('No project, member or registry change is waiting')).toBeVisible();
    await owner.getByRole('button', { name: /^Alpha/ }).click();
    await owner.getByRole('tab', { name: 'Settings' }).click();
    await expect(owner.locator('dl').getByText('Answer briefly; the team is in the field.')).toBeVisible();
    await owner.getByRole('tab', { name: 'Conversations' }).click();
    await owner.getByRole('button', { name: 'Field notes' }).click();
    await expect(owner.getByText('Not yet stored on the server')).toHaveCount(0);
    const memberLog = member.getByRole('log', { name: 'Messages' });
    await expect(memberLog.getByText('No signal in the valley.')).toBeVisible({ timeout: 30_000 });
    await expect(memberLog.getByText('North wall is cracked; photos taken.')).toBeVisible();
    await shot(member, '4-member-converged');
    await ownerContext.close();
    await memberContext.close();
  } finally {
    await link.close();
    await revived?.stop();
  }
});
