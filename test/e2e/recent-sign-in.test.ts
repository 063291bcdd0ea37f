import type { Workgroup } from '../../shared/domain/workgroup';
import type { Page } from '@playwright/test';
import { startTestServer } from '../unit/sync-server/support/test-server';
import type { TestServer } from '../unit/sync-server/support/test-server';
import { password, signup } from '../unit/sync-server/support/world';
import { expect, test as base } from './support/fixtures';
import type { QuorumApp, QuorumAppOptions } from './support/quorum-app';
import { signInThroughUi } from './support/sign-in';

/** This file's server reads a clock the test moves, so a sign-in grows old without waiting. */
let now = 0;
const minutesPass = (n: number) => {
  now += n * 60_000;
};
const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    now = Date.parse('2026-03-01T09:00:00.000Z');
    const server = await startTestServer({}, { now: () => new Date(now) });
    await use(server);
    await server.dispose();
  },
});

/** Deletes the workgroup from its page as far as the confirmation; the password prompt may follow. */
async function deleteWorkgroupInUi(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('form', { name: 'Workgroup details' }).getByRole('button', { name: 'Delete workgroup…' }).click();
  await page.getByRole('group', { name: 'Confirm deleting the workgroup' }).getByRole('button', { name: 'Delete workgroup' }).click();
}

/** A person with a workgroup, signed in to a team server in the app, whose sign-in is then 11 minutes old. */
async function signedInLongAgo(server: TestServer, launchApp: (options?: Partial<QuorumAppOptions>) => Promise<QuorumApp>, page: Page, who: string, workgroupName: string) {
  const person = (await signup(server, who, `${who} org`)).actor;
  const workgroup = (await server.request<Workgroup>('POST', '/workgroups', { token: person.token, body: { name: workgroupName } })).body;
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, person.email, password);
  minutesPass(11);
  const workgroupIds = async () => (await server.request<{ items: Workgroup[] }>('GET', '/workgroups', { token: person.token })).body.items.map((w) => w.id);
  return { workgroup, workgroupIds };
}

test('deleting a workgroup long after signing in asks for the password inline, then goes through', async ({ server, launchApp, page, shot }) => {
  const { workgroup, workgroupIds } = await signedInLongAgo(server, launchApp, page, 'founder', 'Doomed');
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await deleteWorkgroupInUi(page, 'Doomed');
  const dialog = page.getByRole('dialog', { name: 'Enter your password again' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Confirm' })).toBeDisabled();
  await shot(page, '1-asked');

  await dialog.getByLabel('Password').fill('not my password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('That password is not right. Try again.');
  await expect(dialog.getByLabel('Password')).toHaveValue('');
  await shot(page, '2-wrong-password');

  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Doomed', exact: true })).toHaveCount(0);
  await shot(page, '3-deleted');
  expect(await workgroupIds()).not.toContain(workgroup.id);
});

test('cancelling the password prompt leaves the workgroup and says why', async ({ server, launchApp, page }) => {
  const { workgroup, workgroupIds } = await signedInLongAgo(server, launchApp, page, 'keeper', 'Kept');
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await deleteWorkgroupInUi(page, 'Kept');
  const dialog = page.getByRole('dialog', { name: 'Enter your password again' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Workgroup details' }).getByRole('alert')).toContainText(/password/i);
  await expect(nav.getByRole('button', { name: 'Kept', exact: true })).toBeVisible();
  expect(await workgroupIds()).toContain(workgroup.id);
});

test('the app founded on this machine confirms its own sign-in: no prompt for a password nobody typed', async ({ server, launchApp, page }) => {
  const app = await launchApp();
  await page.goto(app.url);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await expect(nav).toBeVisible();
  const token = app.services.session.token() ?? '';
  // Through the app, so its replica pulls the new workgroup at once.
  const created = await app.services.handlers['directory.request']({ endpoint: 'workgroup.create', body: { name: 'Local' } });
  if (created.status !== 'applied') throw new Error('the workgroup was not created');
  const workgroup = created.response as Workgroup;
  minutesPass(11);
  await deleteWorkgroupInUi(page, 'Local');
  await expect(nav.getByRole('button', { name: 'Local', exact: true })).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Enter your password again' })).toHaveCount(0);
  const left = await server.request<{ items: Workgroup[] }>('GET', '/workgroups', { token });
  expect(left.body.items.map((w) => w.id)).not.toContain(workgroup.id);
});
