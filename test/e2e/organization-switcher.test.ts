import type { OrganizationMembership } from '../../shared/rest/account-endpoints';
import { invite, password, signup } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('a person lists their organizations with their role, switches without signing out, and founds another', async ({ server, launchApp, page, shot }) => {
  const founder = (await signup(server, 'founder', 'Northwind')).actor;
  const partner = (await signup(server, 'partner', 'Partner Labs')).actor;
  const code = await invite(server, partner.token, 'founder', { kind: 'organization', role: 'member' });
  expect((await server.request('POST', '/auth/invitations/accept', { token: founder.token, body: { code } })).status).toBe(200);

  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, founder.email, password);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await expect(nav.getByTitle('Organization')).toHaveText('Northwind');

  await nav.getByRole('button', { name: /^Organization Northwind/ }).click();
  const list = page.getByRole('list', { name: 'Your organizations' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('button', { name: 'Northwind owner' })).toHaveAttribute('aria-current', 'true');
  await expect(list.getByRole('button', { name: 'Partner Labs member' })).toBeEnabled();
  await shot(page, '1-organizations');

  await list.getByRole('button', { name: 'Partner Labs member' }).click();
  await expect(nav.getByTitle('Organization')).toHaveText('Partner Labs');
  await expect(page.getByRole('region', { name: 'Organizations' })).toHaveCount(0);
  // The switched app reads the other organization's directory: its default project, no sign-in form.
  await expect(nav.getByRole('button', { name: /^Default/ })).toBeVisible();
  expect(app.services.session.current()?.orgRole).toBe('member');
  await shot(page, '2-switched');

  await nav.getByRole('button', { name: /^Organization Partner Labs/ }).click();
  const panel = page.getByRole('region', { name: 'Organizations' });
  await panel.getByLabel('New organization').fill('Harbor');
  await panel.getByRole('button', { name: 'Create and switch' }).click();
  await expect(nav.getByTitle('Organization')).toHaveText('Harbor');
  await shot(page, '3-founded');

  const relogin = await server.request<{ token: string }>('POST', '/auth/login', { body: { email: founder.email, password } });
  const mine = await server.request<{ items: OrganizationMembership[] }>('GET', '/auth/organizations', { token: relogin.body.token });
  expect(mine.body.items.map((m) => [m.organization.name, m.role])).toEqual([
    ['Northwind', 'owner'],
    ['Partner Labs', 'member'],
    ['Harbor', 'owner'],
  ]);

  await nav.getByRole('button', { name: /^Organization Harbor/ }).click();
  await page.getByRole('list', { name: 'Your organizations' }).getByRole('button', { name: 'Northwind owner' }).click();
  await expect(nav.getByTitle('Organization')).toHaveText('Northwind');
});

test('an empty name founds nothing, and the reason shows', async ({ server, launchApp, page }) => {
  const founder = (await signup(server, 'solo', 'Solo')).actor;
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, founder.email, password);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await nav.getByRole('button', { name: /^Organization Solo/ }).click();
  const panel = page.getByRole('region', { name: 'Organizations' });
  await expect(panel.getByRole('button', { name: 'Create and switch' })).toBeDisabled();
  // Only spaces: the button stays off, since the server would refuse a blank name.
  await panel.getByLabel('New organization').fill('   ');
  await expect(panel.getByRole('button', { name: 'Create and switch' })).toBeDisabled();
  await panel.getByLabel('New organization').fill('Solo\u202Egnp.exe');
  await panel.getByRole('button', { name: 'Create and switch' }).click();
  await expect(panel.getByRole('alert')).toBeVisible();
  await expect(nav.getByTitle('Organization')).toHaveText('Solo');
  const mine = await server.request<{ items: OrganizationMembership[] }>('GET', '/auth/organizations', { token: founder.token });
  expect(mine.body.items).toHaveLength(1);
});
