import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

const sumA = 'a'.repeat(63) + '1';
const sumB = 'b'.repeat(63) + '2';

test('an admin registers a model, versions it, rolls back, shares it, and forks an agent into a project', async ({ server, launchApp, page, shot }) => {
  test.setTimeout(60_000);
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.admin.email, password);

  await page.getByRole('button', { name: 'Models', exact: true }).click();
  const registry = page.getByRole('main', { name: 'Model registry' });
  await expect(registry.getByText('No models are registered yet.')).toBeVisible();
  await registry.getByRole('button', { name: 'Register model' }).click();
  const form = page.getByRole('form', { name: 'Register a model' });
  await form.getByLabel('Name', { exact: true }).fill('Support Llama');
  await form.getByLabel('Description').fill('Fine-tuned on support tickets');
  await form.getByLabel('Provider base URL').fill('http://127.0.0.1:11434/v1');
  await form.getByLabel('Provider model name').fill('llama3.1:8b-support');
  await form.getByLabel('fine-tuned').check();
  await form.getByLabel('Visibility', { exact: true }).selectOption('project');
  await form.getByLabel('Project', { exact: true }).selectOption({ label: 'Alpha' });
  await shot(page, '1-register-form');
  await form.getByRole('button', { name: 'Register model' }).click();

  await expect(page.getByRole('heading', { name: 'Support Llama' })).toBeVisible();
  await expect(page.getByText('No versions yet.')).toBeVisible();

  const versionForm = page.getByRole('form', { name: 'Add a version' });
  await versionForm.getByLabel('Version', { exact: true }).fill('1.0.0');
  await versionForm.getByLabel('SHA-256 of the artifact').fill(sumA);
  await versionForm.getByLabel(/Training metadata/).fill('dataset = tickets-2025\nepochs = 3');
  await versionForm.getByLabel(/Benchmark scores/).fill('mmlu = 61.5\ngsm8k = 48');
  await versionForm.getByRole('button', { name: 'Add version' }).click();
  const versions = page.getByRole('table', { name: 'Versions' });
  const row = (label: string) => versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(row('1.0.0').getByText('Current', { exact: true })).toBeVisible();

  await versionForm.getByLabel('Version', { exact: true }).fill('1.1.0');
  await versionForm.getByLabel('SHA-256 of the artifact').fill(sumB);
  await versionForm.getByLabel('Parent version').selectOption({ label: '1.0.0' });
  await versionForm.getByLabel(/Training metadata/).fill('dataset = tickets-2025\nepochs = 5');
  await versionForm.getByLabel(/Benchmark scores/).fill('mmlu = 64.2\ngsm8k = 55.5\nhumaneval = 31');
  await versionForm.getByRole('button', { name: 'Add version' }).click();
  await expect(versions.getByRole('row')).toHaveCount(3);

  // The newer version becomes current only when asked; make it current, then roll back.
  await versions.getByRole('button', { name: 'Make current 1.1.0' }).click();
  await expect(row('1.1.0').getByText('Current', { exact: true })).toBeVisible();
  const lineage = page.getByRole('region', { name: 'Lineage' });
  await expect(lineage.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('img', { name: 'Benchmark scores by version' })).toBeVisible();
  await shot(page, '2-two-versions');

  await versions.getByRole('button', { name: 'Roll back to 1.0.0' }).click();
  await expect(row('1.0.0').getByText('Current', { exact: true })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Current version' }).locator('+ dd')).toHaveText('1.0.0');

  const compare = page.getByRole('region', { name: 'Compare versions' });
  await compare.getByRole('button', { name: 'Compare' }).click();
  const benchmarks = page.getByRole('table', { name: 'Benchmark comparison' });
  await expect(benchmarks.getByRole('row', { name: /mmlu/ })).toContainText('+2.7');
  await expect(page.getByText('The first is the direct parent of the second.')).toBeVisible();
  await page.getByRole('region', { name: 'Benchmarks' }).scrollIntoViewIfNeeded();
  await shot(page, '3-rolled-back-compared');

  const visibility = page.getByRole('region', { name: 'Visibility' });
  await visibility.getByLabel('Visibility').selectOption('public');
  await visibility.getByRole('button', { name: 'Change visibility' }).click();
  await expect(page.getByRole('term').filter({ hasText: 'Visibility' }).locator('+ dd')).toHaveText('Public');

  // The change reached the server: a member outside Alpha now sees the model.
  const seen = await world.as('outsider')('GET', '/model-registry');
  expect((seen.body as { items: { name: string }[] }).items.map((m) => m.name)).toContain('Support Llama');

  await page.getByRole('button', { name: '← All models' }).click();
  await page.getByLabel('Filter by badge').selectOption('fine-tuned');
  await expect(registry.getByRole('table', { name: 'Models' }).getByRole('button', { name: 'Support Llama' })).toBeVisible();
  await page.getByLabel('Filter by badge').selectOption('verified');
  await expect(registry.getByText('No model matches these filters.')).toBeVisible();
  await page.getByLabel('Filter by badge').selectOption('');
  await shot(page, '4-model-table');

  // Fork the organization's default agent into Alpha.
  await page.getByRole('button', { name: 'Agents', exact: true }).click();
  const agents = page.getByRole('table', { name: 'Agents' });
  await agents.getByRole('button').first().click();
  const agentName = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await page.getByLabel('Fork into project').selectOption({ label: 'Alpha' });
  await page.getByLabel('Name of the copy (optional)').fill('Alpha helper');
  await shot(page, '5-agent-detail');
  await page.getByRole('button', { name: 'Fork', exact: true }).click();
  await expect(page.getByText('Forked into Alpha.')).toBeVisible();

  await page.getByRole('button', { name: /^Alpha/ }).click();
  await page.getByRole('tab', { name: 'Agents' }).click();
  const forks = page.getByRole('table', { name: 'Project forks' });
  await expect(forks.getByRole('button', { name: 'Alpha helper' })).toBeVisible();
  await expect(forks.getByText('Fork', { exact: true })).toBeVisible();
  expect(agentName).not.toBe('');
  await shot(page, '6-project-agents');
});
