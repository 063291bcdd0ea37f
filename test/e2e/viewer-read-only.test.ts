import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('a viewer sees a read-only project, with the reason', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Quarterly numbers', kind: 'shared' } });
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.viewer.email, password);

  await page.getByRole('button', { name: /^Alpha/ }).click();
  await expect(page.getByText('Read only')).toBeVisible();
  await page.getByRole('button', { name: 'Quarterly numbers' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  await expect(page.getByText('Viewers cannot write messages')).toBeVisible();
  await expect(page.getByLabel('New conversation title')).toHaveCount(0);
  await shot(page, '1-read-only-chat');

  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByText("Viewers cannot change the project's configuration")).toBeVisible();
  await shot(page, '2-read-only-settings');
});
