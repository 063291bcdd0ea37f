import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicAgent, registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

test('Ctrl+K opens a palette that jumps by name to a conversation in another project, an agent, a model and a project, by keyboard', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  await registerPublicModel(world, 'Launch model', 'http://127.0.0.1:9/v1');
  await registerPublicAgent(world, 'Launch scout', []);
  const beta = await world.as('owner')('POST', '/projects', { body: { name: 'Beta' } });
  expect(beta.status).toBe(201);
  const betaId = (beta.body as { id: string }).id;
  expect((await world.as('owner')('POST', `/projects/${betaId}/conversations`, { body: { title: 'Launch checklist', kind: 'shared' } })).status).toBe(201);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);
  await page.getByRole('button', { name: /^Alpha/ }).click();
  await expect(page.getByRole('main', { name: 'Project Alpha' })).toBeVisible();

  const palette = page.getByRole('dialog', { name: 'Go to' });
  const field = palette.getByRole('combobox', { name: 'Go to a project, conversation, agent or model' });
  const options = palette.getByRole('listbox', { name: 'Matches' }).getByRole('option');
  await page.keyboard.press('Control+k');
  await expect(field).toBeFocused();
  await field.fill('launch');
  // The replica's conversation, agent and model, ranked by kind; the first is chosen.
  await expect(options).toHaveText([/^Launch checklistConversation in Beta$/, /^Launch scoutAgent$/, /^Launch modelModel$/]);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await field.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? 'none');
  await field.press('ArrowUp');
  await field.press('ArrowUp');
  // Up from the first wraps to the last.
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await shot(page, '1-palette');
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'Project Beta' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Launch checklist' })).toBeVisible();
  await shot(page, '2-conversation-opened');

  await page.keyboard.press('Control+k');
  await field.fill('scout');
  await expect(options).toHaveCount(1);
  await field.press('Enter');
  await expect(page.getByRole('main', { name: 'Agent registry' }).getByRole('heading', { name: 'Launch scout' })).toBeVisible();

  await page.keyboard.press('Control+k');
  await field.fill('launch mo');
  await field.press('Enter');
  await expect(page.getByRole('main', { name: 'Model registry' }).getByRole('heading', { name: 'Launch model' })).toBeVisible();
  await shot(page, '3-model-opened');

  await page.keyboard.press('Control+k');
  await field.fill('alp');
  await field.press('Enter');
  await expect(page.getByRole('main', { name: 'Project Alpha' })).toBeVisible();

  // Escape closes without going anywhere; nothing by the name says so.
  await page.keyboard.press('Control+k');
  await field.fill('zebra');
  await expect(options).toHaveCount(0);
  await expect(palette).toContainText('Nothing by that name.');
  await field.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('main', { name: 'Project Alpha' })).toBeVisible();
});
