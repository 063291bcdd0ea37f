import { password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';

test('a second instance pointed at the first one’s server joins its organization instead of founding another', async ({ server, launchApp, page, context, shot }) => {
  test.setTimeout(60_000);
  // The first instance on a fresh server sets itself up.
  const first = await launchApp();
  await page.goto(first.url);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await expect(nav).toBeVisible();
  const orgName = (await nav.getByTitle('Organization').textContent()) ?? '';

  // Its person makes an invitation link for the second one.
  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  await page.getByRole('tab', { name: 'Invitations' }).click();
  await page.getByLabel('Email to invite').fill('second@example.test');
  await page.getByLabel('Invite to').selectOption({ label: orgName });
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invitation for second@example.test created' });
  const link = await dialog.getByLabel('Invitation link').inputValue();

  // The second instance (its own data) is pointed at the same server, as QUORUM_EMBEDDED_URL does.
  const second = await launchApp();
  const other = await context.newPage();
  await other.goto(second.url);
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(other.getByLabel('Server address')).toHaveValue(server.url);
  await expect(other.getByRole('note')).toContainText('Join their organization');
  await shot(other, '1-second-instance-signs-in');
  await other.getByRole('button', { name: 'New here? Create an account' }).click();
  await other.getByLabel('Your name').fill('Second');
  await other.getByLabel('Email').fill('second@example.test');
  await other.getByLabel('Password').fill(password);
  await other.getByLabel('Invitation code').fill(link);
  await other.getByRole('button', { name: 'Create account' }).click();
  const otherNav = other.getByRole('navigation', { name: 'Navigation' });
  await expect(otherNav).toBeVisible();
  await other.getByRole('button', { name: 'Organization', exact: true }).click();
  await expect(other.getByRole('main', { name: 'Organization' }).getByRole('heading', { name: orgName })).toBeVisible();
  await shot(other, '2-joined-the-first-organization');

  // One organization on the server, and the first person sees the second among its members.
  expect(server.server.services.db.prepare('SELECT COUNT(*) FROM organizations').pluck().get()).toBe(1);
  await dialog.getByRole('button', { name: /close/ }).click();
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page.getByRole('region', { name: 'Organization members' }).getByText('second@example.test')).toBeVisible();
});
