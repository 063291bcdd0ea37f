import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test("an owner changes a member's role and the member's open app follows at once, without a reload", async ({ server, launchApp, browser, shot }) => {
  // Two apps and two browser contexts on a machine shared with other test runs.
  test.setTimeout(90_000);
  const world = await createWorld(server);
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Weekly sync', kind: 'shared' } });
  const [ownerApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const owner = await (await browser.newContext()).newPage();
  const member = await (await browser.newContext()).newPage();
  await owner.goto(ownerApp.url);
  await signInThroughUi(owner, server.url, world.actors.owner.email, password);
  await member.goto(memberApp.url);
  await signInThroughUi(member, server.url, world.actors.member.email, password);

  await member.getByRole('button', { name: /^Alpha/ }).click();
  await member.getByRole('button', { name: 'Weekly sync' }).click();
  const composer = member.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeEnabled();

  await owner.getByRole('button', { name: /^Alpha/ }).click();
  await owner.getByRole('tab', { name: 'Members' }).click();
  const changeRole = async (role: string) => {
    await owner.getByRole('combobox', { name: `Role of ${world.actors.member.name}` }).selectOption(role);
    await owner.getByRole('group', { name: `Confirm role change for ${world.actors.member.name}` }).getByRole('button', { name: 'Change role' }).click();
    await expect(owner.getByRole('combobox', { name: `Role of ${world.actors.member.name}` })).toHaveValue(role);
  };

  // Demoted: the composer turns read-only with the reason, and the member is told.
  await changeRole('viewer');
  await expect(composer).toBeDisabled();
  await expect(member.getByText('Viewers cannot write messages')).toBeVisible();
  await expect(member.getByText('Read only', { exact: true })).toBeVisible();
  const notice = member.getByRole('region', { name: 'Your access changed' });
  await expect(notice).toHaveText(/Your role in Alpha is now Viewer\./);
  await shot(member, '1-demoted-to-viewer');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);

  // Promoted: the right to write comes back, and the message goes through.
  await changeRole('editor');
  await expect(composer).toBeEnabled();
  await expect(notice).toHaveText(/Your role in Alpha is now Editor\./);
  await composer.fill('Back to writing');
  await composer.press('Enter');
  await expect(member.getByRole('log', { name: 'Messages' }).getByText('Back to writing')).toBeVisible();
  await shot(member, '2-promoted-to-editor');
});
