import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { createWorld } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInOwnerAndMember } from './support/two-members';

test('a regenerated answer and an edited, resent question branch the thread live for a second member', async ({ server, launchApp, browser, shot }) => {
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-chat'] });
  try {
    const world = await createWorld(server);
    await registerPublicModel(world, 'Team model', llm.baseUrl);
    await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Launch day', kind: 'shared' } });
    const { owner, member, close } = await signInOwnerAndMember(server, world, launchApp, browser);
    for (const page of [owner, member]) {
      await page.getByRole('button', { name: /^Alpha/ }).click();
      await page.getByRole('button', { name: 'Launch day' }).click();
      await expect(page.getByRole('heading', { name: 'Launch day' })).toBeVisible();
    }
    await expect(member.getByRole('combobox', { name: 'Model' })).toContainText('Team model');

    llm.enqueue({ kind: 'text', pieces: ['Tuesday.'] });
    await member.getByRole('textbox', { name: 'Message' }).fill('Which day do we launch?');
    await member.getByRole('textbox', { name: 'Message' }).press('Enter');
    const seen = (page: typeof owner) => {
      const log = page.getByRole('log', { name: 'Messages' });
      return { question: log.getByRole('article', { name: /^Message from / }).first(), answer: log.getByRole('article', { name: 'Message from Assistant' }) };
    };
    await expect(seen(owner).answer).toContainText('Tuesday.');

    // The member regenerates: the owner sees the new answer arrive as 2 / 2, the first one kept.
    llm.enqueue({ kind: 'text', pieces: ['Wednesday, ', 'after the review.'], delayMs: 150 });
    await seen(member).answer.getByRole('button', { name: 'Regenerate' }).click();
    await expect(seen(owner).answer).toContainText('Wednesday, after the review.');
    await expect(seen(owner).answer.getByText('2 / 2')).toBeVisible();
    await seen(owner).answer.getByRole('button', { name: 'Previous alternative' }).click();
    await expect(seen(owner).answer).toContainText('Tuesday.');
    await shot(owner, '1-owner-sees-regenerated');
    // Paging is the owner's own: the member still sees the newest answer.
    await expect(seen(member).answer).toContainText('Wednesday, after the review.');

    // The member edits and resends the question: the owner sees the new branch, the old one a click away.
    llm.enqueue({ kind: 'text', pieces: ['Launch on Thursday at nine.'] });
    await seen(member).question.getByRole('button', { name: 'Edit' }).click();
    await seen(member).question.getByRole('textbox', { name: 'Edit message' }).fill('Which day and hour do we launch?');
    await seen(member).question.getByRole('button', { name: 'Save and resend' }).click();
    await expect(seen(owner).question).toContainText('Which day and hour do we launch?');
    await expect(seen(owner).question.getByText('2 / 2')).toBeVisible();
    await expect(seen(owner).answer).toContainText('Launch on Thursday at nine.');
    await shot(owner, '2-owner-sees-edited-branch');
    await seen(owner).question.getByRole('button', { name: 'Previous alternative' }).click();
    await expect(seen(owner).question).toContainText('Which day do we launch?');
    await expect(seen(owner).answer).toContainText('Tuesday.');
    await shot(owner, '3-owner-back-on-old-branch');
    await close();
  } finally {
    await llm.close();
  }
});
