import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { createWorld } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInOwnerAndMember } from './support/two-members';

test("the conversation list shows each conversation's last activity and preview, live for another member", async ({ server, launchApp, browser, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const world = await createWorld(server);
    await registerPublicModel(world, 'Team model', llm.baseUrl);
    for (const title of ['Budget', 'Release notes']) {
      expect((await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title, kind: 'shared' } })).status).toBe(201);
    }
    const { owner, member, close } = await signInOwnerAndMember(server, world, launchApp, browser);
    for (const page of [owner, member]) await page.getByRole('button', { name: /^Alpha/ }).click();
    const ownerList = owner.getByRole('complementary', { name: 'Conversations' });
    await expect(ownerList.getByRole('button', { name: 'Budget' })).toHaveAccessibleDescription('No messages yet');
    // The newest conversation first while nothing was said.
    await expect(ownerList.getByRole('listitem').getByRole('button').first()).toHaveAccessibleName('Release notes');
    await owner.getByRole('button', { name: 'Release notes' }).click();

    await member.getByRole('button', { name: 'Budget' }).click();
    await expect(member.getByRole('heading', { name: 'Budget' })).toBeVisible();
    llm.enqueue({ kind: 'text', pieces: ['The **budget** is ', 'approved for Q3.'], delayMs: 150 });
    await member.getByRole('textbox', { name: 'Message' }).fill('Is the budget approved?');
    await member.getByRole('textbox', { name: 'Message' }).press('Enter');

    // The owner, in another conversation, sees Budget move up with the answer as its preview.
    await expect(ownerList.getByRole('button', { name: 'Budget' })).toHaveAccessibleDescription('The budget is approved for Q3.');
    await expect(ownerList.getByRole('listitem').getByRole('button').first()).toHaveAccessibleName('Budget');
    await expect(ownerList.getByRole('button', { name: 'Budget' }).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(ownerList.getByRole('button', { name: 'Release notes' })).toHaveAccessibleDescription('No messages yet');
    await shot(owner, '1-owner-list');
    await shot(member, '2-member-list');
    await close();
  } finally {
    await llm.close();
  }
});
