import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

test('two people in one shared conversation both watch the agent answer stream in', async ({ server, launchApp, browser, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const world = await createWorld(server);
    await registerPublicModel(world, 'Team model', llm.baseUrl);
    await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Release notes', kind: 'shared' } });
    const [ownerApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
    const ownerContext = await browser.newContext();
    const memberContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    const member = await memberContext.newPage();
    await owner.goto(ownerApp.url);
    await signInThroughUi(owner, server.url, world.actors.owner.email, password);
    await member.goto(memberApp.url);
    await signInThroughUi(member, server.url, world.actors.member.email, password);
    for (const page of [owner, member]) {
      await page.getByRole('button', { name: /^Alpha/ }).click();
      await page.getByRole('button', { name: 'Release notes' }).click();
      await expect(page.getByRole('heading', { name: 'Release notes' })).toBeVisible();
    }
    await expect(member.getByRole('combobox', { name: 'Model' })).toContainText('Team model');

    llm.enqueue({ kind: 'text', pieces: ['Highlights: ', 'faster sync, ', 'offline search, ', 'and a calmer sidebar.'], delayMs: 350 });
    await member.getByRole('textbox', { name: 'Message' }).fill('Summarise this release in one line.');
    await member.getByRole('textbox', { name: 'Message' }).press('Enter');

    // The owner, whose app does not run the agent, sees the answer grow live too.
    const ownerAnswer = owner.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'Message from Assistant' });
    await expect(ownerAnswer).toContainText('faster sync');
    await expect(ownerAnswer).not.toContainText('calmer sidebar');
    await shot(owner, '1-owner-sees-streaming');
    await expect(ownerAnswer).toContainText('Highlights: faster sync, offline search, and a calmer sidebar.');
    const memberAnswer = member.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'Message from Assistant' });
    await expect(memberAnswer).toContainText('and a calmer sidebar.');
    await expect(memberAnswer.getByText('answering…')).toHaveCount(0);
    // Only the app running the agent can stop it.
    await expect(owner.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    await shot(owner, '2-owner-complete');
    await shot(member, '3-member-complete');
    await ownerContext.close();
    await memberContext.close();
  } finally {
    await llm.close();
  }
});
