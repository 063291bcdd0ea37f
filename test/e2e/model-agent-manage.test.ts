import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';
import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { registerPublicModel } from './support/registry-setup';
import { signInThroughUi } from './support/sign-in';

test('models and agents: discover and test an endpoint, retry a failure, edit and delete both, refusals shown before the click', async ({ server, launchApp, page, shot }) => {
  test.setTimeout(90_000);
  const llm = await startOpenAiCompatibleServer({ models: ['fixture-code', 'fixture-chat'] });
  try {
    const world = await createWorld(server);
    await registerPublicModel(world, 'Owner model', llm.baseUrl);
    const app = await launchApp({ embeddedUrl: null });
    await page.goto(app.url);
    await signInThroughUi(page, server.url, world.actors.member.email, password);

    await page.getByRole('button', { name: 'Models', exact: true }).click();
    const registry = page.getByRole('main', { name: 'Model registry' });
    await registry.getByRole('button', { name: 'Register model' }).click();
    const form = page.getByRole('form', { name: 'Register a model' });
    await form.getByLabel('Name', { exact: true }).fill('Team chat');
    await form.getByLabel('Provider base URL').fill(llm.baseUrl);

    // Discovery lists what the endpoint serves; choosing one fills the model name.
    await form.getByRole('button', { name: 'Discover models' }).click();
    await expect(form.getByRole('status')).toHaveText('Found 2 models: fixture-chat, fixture-code.');
    await form.getByRole('group', { name: 'Models the endpoint serves' }).getByRole('button', { name: 'fixture-chat' }).click();
    await expect(form.getByLabel('Provider model name')).toHaveValue('fixture-chat');

    // The endpoint is down for a moment: one message, with Retry, which then connects.
    llm.failModelListings(1, 503);
    await form.getByRole('button', { name: 'Test connection' }).click();
    const failure = form.getByRole('alert');
    await expect(failure).toContainText(`The endpoint at ${llm.baseUrl} answered HTTP 503: The model server is starting`);
    await expect(page.getByText('The model server is starting', { exact: false })).toHaveCount(1);
    await shot(page, '1-failed-with-retry');
    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(form.getByRole('status')).toHaveText(`Connected: ${llm.baseUrl} serves fixture-chat.`);
    await expect(form.getByRole('alert')).toHaveCount(0);

    // A model the endpoint does not serve is caught before saving.
    await form.getByLabel('Provider model name').fill('fixture-nothing');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect(form.getByRole('alert')).toContainText('does not serve fixture-nothing; it serves fixture-chat, fixture-code.');
    await form.getByLabel('Provider model name').fill('fixture-chat');
    await shot(page, '2-register-form');
    await form.getByRole('button', { name: 'Register model' }).click();

    // Edit the entry just registered.
    await expect(page.getByRole('heading', { name: 'Team chat' })).toBeVisible();
    await page.getByRole('button', { name: 'Edit model' }).click();
    const edit = page.getByRole('form', { name: 'Edit model' });
    await expect(edit.getByLabel('Provider base URL')).toHaveValue(llm.baseUrl);
    await edit.getByLabel('Name', { exact: true }).fill('Team chat model');
    await edit.getByLabel('Provider model name').fill('fixture-code');
    await edit.getByLabel('Max tokens').fill('512');
    await edit.getByLabel('Temperature').fill('0.7');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: 'Team chat model' })).toBeVisible();
    await expect(page.getByText(`fixture-code at ${llm.baseUrl}`)).toBeVisible();
    await expect(page.getByText('temperature 0.7, max tokens 512')).toBeVisible();
    await shot(page, '3-edited-model');

    // Someone else's entry: the reasons are there before any click.
    await page.getByRole('button', { name: '← All models' }).click();
    await registry.getByRole('button', { name: 'Owner model' }).click();
    await expect(page.getByRole('heading', { name: 'Owner model' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit model' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Delete model' })).toBeDisabled();
    await expect(page.getByRole('region', { name: 'Delete model' }).locator('.reason')).not.toBeEmpty();
    await shot(page, '4-refused-before-click');

    // An agent on the edited model shows it on its page, is edited, then deleted.
    await page.getByRole('button', { name: 'Agents', exact: true }).click();
    await page.getByRole('button', { name: 'Register agent' }).click();
    const agentForm = page.getByRole('form', { name: 'Register an agent' });
    await agentForm.getByLabel('Name', { exact: true }).fill('Reviewer');
    await agentForm.getByLabel('System prompt').fill('You review changes.');
    await agentForm.getByLabel('Model').selectOption({ label: 'Team chat model' });
    await agentForm.getByRole('button', { name: 'Register agent' }).click();
    await expect(page.getByRole('heading', { name: 'Reviewer' })).toBeVisible();
    const facts = page.locator('dl.facts');
    await expect(facts.getByText('Team chat model')).toBeVisible();
    await page.getByRole('button', { name: 'Edit agent' }).click();
    const agentEdit = page.getByRole('form', { name: 'Edit agent' });
    await agentEdit.getByLabel('System prompt').fill('You review changes, kindly.');
    // An agent only narrows its model's parameters: a wider value is refused before the click.
    await agentEdit.getByLabel('Max tokens').fill('1024');
    await expect(agentEdit.locator('.reason')).toHaveText('The agent may only narrow the max tokens of Team chat model: at most 512, not 1024.');
    await expect(agentEdit.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await agentEdit.getByLabel('Max tokens').fill('256');
    await agentEdit.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('You review changes, kindly.')).toBeVisible();
    await expect(facts.getByText('max tokens 256')).toBeVisible();
    await expect(facts.getByText('2', { exact: true })).toBeVisible();
    await shot(page, '5-edited-agent');
    await page.getByRole('button', { name: 'Delete agent' }).click();
    await page.getByRole('group', { name: 'Confirm deleting Reviewer' }).getByRole('button', { name: 'Delete for good' }).click();
    const agents = page.getByRole('main', { name: 'Agent registry' });
    await expect(agents.getByRole('button', { name: 'Reviewer' })).toHaveCount(0);

    // The organization's default agent cannot be deleted: said before the click.
    await agents.getByRole('button', { name: 'Assistant' }).first().click();
    await expect(page.getByRole('button', { name: 'Delete agent' })).toBeDisabled();

    // Delete the model.
    await page.getByRole('button', { name: 'Models', exact: true }).click();
    await registry.getByRole('button', { name: 'Team chat model' }).click();
    await page.getByRole('button', { name: 'Delete model' }).click();
    await page.getByRole('group', { name: 'Confirm deleting Team chat model' }).getByRole('button', { name: 'Delete for good' }).click();
    await expect(registry.getByRole('button', { name: 'Owner model' })).toBeVisible();
    await expect(registry.getByRole('button', { name: 'Team chat model' })).toHaveCount(0);
    await shot(page, '6-model-deleted');
  } finally {
    await llm.close();
  }
});
