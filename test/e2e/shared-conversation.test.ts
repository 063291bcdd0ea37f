import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('two people in one shared conversation see each other live, with presence', async ({ server, launchApp, browser, shot }) => {
  const world = await createWorld(server);
  const [ownerApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const ownerContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const member = await memberContext.newPage();

  await owner.goto(ownerApp.url);
  await expect(owner.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await shot(owner, '1-sign-in');
  await signInThroughUi(owner, server.url, world.actors.owner.email, password);
  await member.goto(memberApp.url);
  await signInThroughUi(member, server.url, world.actors.member.email, password);

  for (const page of [owner, member]) await page.getByRole('button', { name: /^Alpha/ }).click();
  await owner.getByLabel('New conversation title').fill('Design review');
  await owner.getByRole('button', { name: 'Start' }).click();
  await expect(owner.getByRole('heading', { name: 'Design review' })).toBeVisible();

  // The member's list follows the project document: the new conversation appears without a reload.
  await member.getByRole('button', { name: 'Design review' }).click();
  await expect(member.getByRole('heading', { name: 'Design review' })).toBeVisible();

  await expect(owner.getByTestId('presence').getByLabel(world.actors.member.name)).toBeVisible();
  await expect(member.getByTestId('presence').getByLabel(world.actors.owner.name)).toBeVisible();

  await owner.getByRole('textbox', { name: 'Message' }).fill('Can you check the colour contrast?');
  await owner.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(member.getByRole('log', { name: 'Messages' }).getByText('Can you check the colour contrast?')).toBeVisible();

  await member.getByRole('textbox', { name: 'Message' }).fill('On it — the sidebar fails AA.');
  await member.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(owner.getByRole('log', { name: 'Messages' }).getByText('On it — the sidebar fails AA.')).toBeVisible();
  await shot(owner, '2-owner-view');
  await shot(member, '3-member-view');

  await ownerContext.close();
  await memberContext.close();
});
