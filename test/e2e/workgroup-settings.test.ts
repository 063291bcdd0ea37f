import { createWorld, password } from '../unit/sync-server/support/world';
import type { World } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

async function created(world: World, path: string, body: unknown): Promise<string> {
  const res = await world.as('owner')('POST', path, { body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${path}: ${String(res.status)} ${JSON.stringify(res.body)}`);
  return (res.body as { id?: string }).id ?? '';
}

test('an editor registers an agent and shares it through the workgroup’s settings; its projects inherit them', async ({ server, launchApp, browser, shot }) => {
  test.setTimeout(60_000);
  const world = await createWorld(server);
  await registerPublicModel(world, 'Granite small', 'http://127.0.0.1:9/v1');
  await registerPublicModel(world, 'Mistral large', 'http://127.0.0.1:9/v1');
  const research = await created(world, '/workgroups', { name: 'Research' });
  await created(world, `/workgroups/${research}/projects`, { projectId: world.projectId });
  await created(world, `/workgroups/${research}/members`, { userId: world.actors.editor.userId, role: 'editor' });
  await created(world, `/workgroups/${research}/members`, { userId: world.actors.member.userId, role: 'member' });
  await world.as('owner')('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Forecast', kind: 'shared' } });

  const [editorApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const editor = await (await browser.newContext()).newPage();
  await editor.goto(editorApp.url);
  await signInThroughUi(editor, server.url, world.actors.editor.email, password);

  // A new agent in the registry, seen by the workgroup.
  await editor.getByRole('button', { name: 'Agents', exact: true }).click();
  await editor.getByRole('main', { name: 'Agent registry' }).getByRole('button', { name: 'Register agent' }).click();
  const form = editor.getByRole('form', { name: 'Register an agent' });
  await form.getByLabel('Name', { exact: true }).fill('Forecaster');
  await form.getByLabel('Description').fill('Quarterly numbers, with sources');
  await form.getByLabel('System prompt').fill('You forecast revenue. Answer with a number and the assumptions behind it.');
  await form.getByLabel('Model', { exact: true }).selectOption({ label: 'Granite small' });
  await form.getByLabel('Agent tool calculator').check();
  await form.getByLabel('Visibility', { exact: true }).selectOption('workgroup');
  await form.getByLabel('Workgroup', { exact: true }).selectOption({ label: 'Research' });
  await shot(editor, '1-register-agent');
  await form.getByRole('button', { name: 'Register agent' }).click();
  await expect(editor.getByRole('heading', { name: 'Forecaster', level: 1 })).toBeVisible();
  await expect(editor.getByText('You forecast revenue.', { exact: false })).toBeVisible();
  const registered = await world.as('editor')('GET', '/agent-registry');
  const forecaster = (registered.body as { items: { name: string; tools: string[]; visibility: { level: string } }[] }).items.find((a) => a.name === 'Forecaster');
  expect(forecaster).toMatchObject({ tools: ['calculator'], visibility: { level: 'workgroup' } });

  // The workgroup's shared settings: a model pool, a prompt, the agent offered.
  await editor.getByRole('button', { name: 'Research', exact: true }).click();
  const shared = editor.getByRole('region', { name: 'Shared settings' });
  await shared.getByRole('button', { name: 'Edit shared settings' }).click();
  const settings = editor.getByRole('form', { name: 'Edit shared settings' });
  await settings.getByLabel('Only allow chosen models in this workgroup’s projects').check();
  await expect(settings.getByText('Choose at least one model, or turn the pool off.')).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Save shared settings' })).toBeDisabled();
  await settings.getByLabel('Pool model Granite small').check();
  await settings.getByLabel('System prompt').fill('Cite the quarterly report.');
  await settings.getByLabel('Offer agent Forecaster').check();
  await shot(editor, '2-edit-shared-settings');
  await settings.getByRole('button', { name: 'Save shared settings' }).click();
  await expect(shared.getByText('Saved: every project of the workgroup inherits the new settings.')).toBeVisible();
  await expect(shared.getByRole('definition').filter({ hasText: 'Granite small' })).toBeVisible();
  await expect(shared.getByRole('definition').filter({ hasText: 'Forecaster' })).toBeVisible();
  await shot(editor, '3-shared-settings-saved');

  // The project shows where its settings come from.
  await editor.getByRole('navigation').getByRole('button', { name: /^Alpha/ }).click();
  await editor.getByRole('tab', { name: 'Settings' }).click();
  await expect(editor.getByText('Inherited from workgroup Research').first()).toBeVisible();
  await shot(editor, '4-project-inherits');

  // A workgroup member sees the settings, not the editor, and the project's picker follows the pool.
  const member = await (await browser.newContext()).newPage();
  await member.goto(memberApp.url);
  await signInThroughUi(member, server.url, world.actors.member.email, password);
  await member.getByRole('button', { name: 'Research', exact: true }).click();
  const memberShared = member.getByRole('region', { name: 'Shared settings' });
  await expect(memberShared.getByRole('button', { name: 'Edit shared settings' })).toBeDisabled();
  await expect(memberShared.getByText("Workgroup members cannot change the workgroup's shared settings")).toBeVisible();
  await member.getByRole('navigation').getByRole('button', { name: /^Alpha/ }).click();
  await member.getByRole('button', { name: 'Forecast' }).click();
  await expect(member.getByRole('combobox', { name: 'Model' }).locator('option')).toHaveText(['Granite small']);
  // The default agent names no tools, so it is offered every tool the project allows.
  await expect(member.getByTestId('agent-tools')).toHaveText('Tools: calculator, current_time, search_conversations, search_knowledge');
  await member.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Forecaster' });
  await expect(member.getByTestId('agent-tools')).toHaveText('Tools: calculator');
  await shot(member, '5-member-picker');
});
