import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicAgent, registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

test('an editor locks models and tools in settings, and the member’s picker follows at once', async ({ server, launchApp, browser, shot }) => {
  const world = await createWorld(server);
  // Nothing answers here: the endpoint is never called.
  await registerPublicModel(world, 'Granite small', 'http://127.0.0.1:9/v1');
  await registerPublicModel(world, 'Mistral large', 'http://127.0.0.1:9/v1');
  await registerPublicAgent(world, 'Analyst', ['calculator', 'current_time']);
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Forecast', kind: 'shared' } });
  const [editorApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const editorContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const editor = await editorContext.newPage();
  const member = await memberContext.newPage();
  await editor.goto(editorApp.url);
  await signInThroughUi(editor, server.url, world.actors.editor.email, password);
  await member.goto(memberApp.url);
  await signInThroughUi(member, server.url, world.actors.member.email, password);

  await member.getByRole('button', { name: /^Alpha/ }).click();
  await member.getByRole('button', { name: 'Forecast' }).click();
  const models = member.getByRole('combobox', { name: 'Model' });
  await expect(models.locator('option')).toHaveText(['Granite small', 'Mistral large']);
  await member.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Analyst' });
  await expect(member.getByTestId('agent-tools')).toHaveText('Tools: calculator, current_time');
  await shot(member, '1-member-before');

  // The member sees the settings read only, with the reason.
  await member.getByRole('tab', { name: 'Settings' }).click();
  await expect(member.getByText("Members cannot change the project's configuration")).toBeVisible();
  await expect(member.getByRole('form', { name: 'Edit project settings' })).toHaveCount(0);
  await shot(member, '2-member-settings-read-only');
  await member.getByRole('tab', { name: 'Conversations' }).click();

  await editor.getByRole('button', { name: /^Alpha/ }).click();
  await editor.getByRole('tab', { name: 'Settings' }).click();
  const form = editor.getByRole('form', { name: 'Edit project settings' });
  await form.getByRole('checkbox', { name: 'Only allow chosen models' }).check();
  await form.getByRole('checkbox', { name: 'Allow model Mistral large' }).check();
  await form.getByRole('checkbox', { name: 'Only allow chosen tools' }).check();
  await form.getByRole('checkbox', { name: 'Allow tool calculator' }).check();
  await form.getByLabel('Default model').selectOption({ label: 'Mistral large' });
  await shot(editor, '3-editor-editing');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();
  const effective = editor.getByRole('region', { name: 'Project settings' });
  await expect(effective.getByText('Mistral large').first()).toBeVisible();
  await expect(effective.getByText('Set in this project').first()).toBeVisible();
  await shot(editor, '4-editor-saved');

  // The member's composer follows without a reload.
  await expect(models.locator('option')).toHaveText(['Mistral large']);
  await expect(member.getByTestId('agent-tools')).toHaveText('Tools: calculator · not allowed here: current_time');
  await shot(member, '5-member-after');
  await editorContext.close();
  await memberContext.close();
});
