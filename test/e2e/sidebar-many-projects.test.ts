import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('a thousand projects: the sidebar draws only the rows in view and still reaches the last', async ({ server, launchApp, page, shot }) => {
  test.setTimeout(90_000);
  const world = await createWorld(server);
  const owner = world.as('owner');
  const names = Array.from({ length: 1_000 }, (_, i) => `Project ${String(i + 1).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((name) => owner('POST', '/projects', { body: { name } })));
  }
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);

  const list = page.getByRole('list', { name: 'Projects' });
  await expect(list.getByRole('button', { name: /^Project 0001/ })).toBeVisible({ timeout: 30_000 });
  const drawn = await list.getByRole('button').count();
  expect(drawn).toBeLessThan(120);
  await shot(page, '1-top');

  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await list.getByRole('button', { name: /^Project 1000/ }).click();
  await expect(page.getByRole('main', { name: 'Project Project 1000' })).toBeVisible();
  expect(await list.getByRole('button').count()).toBeLessThan(120);
  await shot(page, '2-last-selected');
});
