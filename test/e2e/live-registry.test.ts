import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

test('a model someone else registers appears in the open registry and settings without reopening them', async ({ server, launchApp, page, shot }) => {
  test.setTimeout(90_000);
  const world = await createWorld(server);
  await registerPublicModel(world, 'Support Llama', 'http://127.0.0.1:9/v1');
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.member.email, password);

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const models = page.getByRole('main', { name: 'Model registry' }).getByRole('table', { name: 'Models' });
  await expect(models.getByRole('button', { name: 'Support Llama' })).toBeVisible();

  // The owner registers another model elsewhere; the change feed brings it, and the view reads again.
  await registerPublicModel(world, 'Field Mistral', 'http://127.0.0.1:9/v1');
  await expect(models.getByRole('button', { name: 'Field Mistral' })).toBeVisible({ timeout: 45_000 });
  await shot(page, '1-registry-updated');

  // Views that list models from the replica follow too.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const keys = page.getByRole('region', { name: 'Provider API keys' });
  await expect(keys.getByText('Field Mistral')).toBeVisible();
  await registerPublicModel(world, 'Night Qwen', 'http://127.0.0.1:9/v1');
  await expect(keys.getByText('Night Qwen')).toBeVisible({ timeout: 45_000 });
  await shot(page, '2-provider-keys-updated');
});
