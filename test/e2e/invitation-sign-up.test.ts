import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';

test('an invited person signs up in the app with the invitation link and finds the project it named', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const invitation = await world.as('owner')('POST', '/auth/invitations', {
    body: { email: 'joiner@example.test', target: { kind: 'project', projectId: world.projectId, role: 'member' } },
  });
  const link = (invitation.body as { link: string }).link;
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);

  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('Your name').fill('Joiner');
  await page.getByLabel('Email').fill('joiner@example.test');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Invitation code').fill(link);
  await shot(page, '1-sign-up-with-link');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Navigation' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Alpha/ })).toBeVisible();
  await shot(page, '2-joined');

  const members = await world.as('owner')('GET', `/projects/${world.projectId}/members`);
  expect(JSON.stringify(members.body)).toContain('joiner@example.test');
});

test('signing up with an address that has an account says to sign in, and gives no way in', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Server address').fill(server.url);
  await page.getByLabel('Your name').fill('Impostor');
  await page.getByLabel('Email').fill(world.actors.member.email);
  await page.getByLabel('Password').fill('not the member password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText(/already has an account on this server: sign in with its password/);
  await expect(page.getByRole('navigation', { name: 'Navigation' })).toHaveCount(0);
  await shot(page, '1-address-taken');
});
