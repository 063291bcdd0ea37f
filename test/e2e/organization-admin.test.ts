import { readFileSync } from 'node:fs';
import { createWorld, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('an admin invites, changes a role, mints and revokes an API key, and reads and exports the audit log', async ({ server, launchApp, page, context, shot }) => {
  test.setTimeout(90_000);
  const world = await createWorld(server);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.admin.email, password);

  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  const members = page.getByRole('region', { name: 'Organization members' });
  await expect(members.getByRole('combobox', { name: 'Role of owner' })).toBeDisabled();
  // An admin cannot touch an owner: the policy's reason stands in the owner's row.
  await expect(members.getByRole('row', { name: /owner/ }).getByText('Only organization owners can add, remove or change owners')).toBeVisible();
  await shot(page, '1-members');

  await members.getByRole('combobox', { name: 'Role of outsider' }).selectOption('admin');
  await expect(members.getByRole('combobox', { name: 'Role of outsider' })).toHaveValue('admin');
  await expect(members.getByRole('combobox', { name: 'Role of outsider' })).toBeEnabled();

  await page.getByRole('tab', { name: 'Invitations' }).click();
  await page.getByLabel('Email to invite').fill('newcomer@example.test');
  await page.getByLabel('Invite to').selectOption({ label: 'Alpha' });
  await page.getByLabel('Invitation role').selectOption('editor');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  // No email goes out: the one-time link is shown once, to be handed over.
  const invited = page.getByRole('dialog', { name: 'Invitation for newcomer@example.test created' });
  await expect(invited).toContainText('Quorum sends no email');
  await expect(invited).toContainText('It is shown only once');
  const link = await invited.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/^quorum:\/\/invite\/qi_[A-Za-z0-9_-]{43}$/);
  await shot(page, '2-invitation-link-once');
  await invited.getByRole('button', { name: /close/ }).click();
  await expect(invited).toHaveCount(0);
  expect(await page.content()).not.toContain(link);
  const invitations = page.getByRole('table', { name: 'Pending invitations' });
  await expect(invitations.getByRole('row', { name: /newcomer@example\.test/ })).toContainText('Project Alpha');
  await expect(invitations.getByRole('row', { name: /newcomer@example\.test/ })).toContainText('Editor');
  // Admins cannot make owners, so the form does not offer it.
  await page.getByLabel('Invite to').selectOption({ label: 'Acme' });
  await expect(page.getByLabel('Invitation role').locator('option[value="owner"]')).toHaveCount(0);
  // What only the server knows is refused next to the form that sent it.
  await page.getByLabel('Email to invite').fill(world.actors.member.email);
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(page.getByRole('form', { name: 'Invite someone' }).getByRole('alert')).toHaveText('This person is already a member of the organization');
  await shot(page, '2-invitations');

  await page.getByRole('tab', { name: 'API keys' }).click();
  await page.getByLabel('Key name').fill('Deploy script');
  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: /API key “Deploy script” created/ });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('It is shown only once');
  const secret = await dialog.getByLabel('Secret').inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  await dialog.getByRole('button', { name: 'Copy secret' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/Copied to the clipboard|Ctrl\+C/);
  await shot(page, '3-secret-once');
  await dialog.getByRole('button', { name: /close/ }).click();
  await expect(dialog).toHaveCount(0);
  // Gone for good: not in the page, not in any field; the list shows only the prefix.
  expect(await page.content()).not.toContain(secret);
  const keys = page.getByRole('table', { name: 'API keys' });
  const keyRow = keys.getByRole('row', { name: /Deploy script/ });
  await expect(keyRow).toContainText('Active');
  await keyRow.getByRole('button', { name: 'Revoke Deploy script' }).click();
  await keyRow.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(keys.getByRole('row', { name: /Deploy script/ })).toHaveCount(0);
  await page.getByLabel(/Show revoked/).check();
  await expect(keys.getByRole('row', { name: /Deploy script/ })).toContainText('Revoked');
  await shot(page, '4-api-keys');

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events).toBeVisible();
  await page.getByLabel('Actor').selectOption({ label: 'admin' });
  // Newest first, each event a sentence with names; never an id.
  const sentences = ['admin revoked an API key', 'admin created an API key', 'admin created an invitation in Alpha', 'admin changed the organization role of outsider'];
  for (const sentence of sentences) await expect(events.getByText(sentence, { exact: true }).first()).toBeVisible();
  const rows = await events.locator('tbody tr td.audit-detail').allInnerTexts();
  expect(rows.findIndex((t) => t.startsWith('admin revoked an API key'))).toBeLessThan(rows.findIndex((t) => t.startsWith('admin created an API key')));
  expect(rows.join('\n')).not.toMatch(/\b(usr|prj|wg|mdl|inv|key)_[A-Za-z0-9]/);
  await shot(page, '5-audit-log');
  await page.getByLabel('Area').selectOption({ label: 'API keys' });
  await expect(events.getByRole('row')).toHaveCount(3);

  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON Lines' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(/-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = readFileSync(await file.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; actorId: string });
  expect(lines.map((l) => l.action)).toEqual(['api-key.create', 'api-key.revoke']);
  expect(lines[1]).toMatchObject({ action: 'api-key.revoke', actorId: world.actors.admin.userId });
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 events as JSON Lines' })).toBeVisible();
  await shot(page, '6-audit-export');

  await page.getByRole('tab', { name: 'Plan' }).click();
  await expect(page.getByText('Enterprise')).toBeVisible();
  await expect(page.getByText('Only organization owners can change the plan.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Change the plan' })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Members per project/ })).toContainText('4 in use');
  await shot(page, '7-plan');
  await page.getByRole('tab', { name: 'Server' }).click();
  await expect(page.getByText(server.url)).toBeVisible();
  await shot(page, '8-server');
});

test('a plain member sees the organization area read-only, with the reasons', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.member.email, password);

  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  await expect(page.getByText('Member: read only')).toBeVisible();
  const members = page.getByRole('region', { name: 'Organization members' });
  await expect(members.getByText("Organization members cannot change members' roles")).toBeVisible();
  await expect(members.getByRole('combobox', { name: 'Role of admin' })).toBeDisabled();
  await expect(members.getByRole('button', { name: 'Remove admin' })).toHaveCount(0);
  await expect(page.getByLabel('Service account name')).toHaveCount(0);
  await shot(page, '1-members');

  await page.getByRole('tab', { name: 'Invitations' }).click();
  await expect(page.getByText('Organization members cannot see pending invitations')).toBeVisible();
  await expect(page.getByLabel('Email to invite')).toHaveCount(0);

  await page.getByRole('tab', { name: 'API keys' }).click();
  await expect(page.getByText(/Only your own keys are listed/)).toBeVisible();
  await expect(page.getByLabel('Key owner')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(page.getByText("Organization members cannot read the organization's audit log")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export JSON Lines' })).toHaveCount(0);
  await shot(page, '2-audit-refused');

  await page.getByRole('button', { name: /^Alpha/ }).click();
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(page.getByText("Members cannot read the project's audit log")).toBeVisible();
  await shot(page, '3-project-audit-refused');
});

test('a workgroup page lists its projects, members and shared settings; owners read a project audit trail', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const owner = world.as('owner');
  const created = await owner('POST', '/workgroups', { body: { name: 'Research', description: 'Models and evaluations', settings: { modelPool: null, toolAllowlist: [], systemPrompt: 'Cite your sources.', knowledgeBaseIds: [], agentIds: [] } } });
  const workgroupId = (created.body as { id: string }).id;
  await owner('POST', `/workgroups/${workgroupId}/projects`, { body: { projectId: world.projectId } });
  await owner('POST', `/workgroups/${workgroupId}/members`, { body: { userId: world.actors.editor.userId, role: 'editor' } });
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);

  await page.getByRole('button', { name: 'Research', exact: true }).click();
  const view = page.getByRole('main', { name: 'Workgroup Research' });
  await expect(view.getByRole('region', { name: 'Workgroup projects' }).getByRole('button', { name: 'Alpha' })).toBeVisible();
  await expect(view.getByRole('region', { name: 'Workgroup members' }).getByRole('row', { name: /editor@example\.test/ })).toContainText('Editor');
  await expect(view.getByRole('region', { name: 'Shared settings' })).toContainText('Cite your sources.');
  await expect(view.getByRole('region', { name: 'Shared settings' })).toContainText('No tools');
  await shot(page, '1-workgroup');

  await view.getByRole('button', { name: 'Alpha' }).click();
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events.getByText(/workgroup project add/).first()).toBeVisible();
  await shot(page, '2-project-audit');
});

test('the owner changes the plan, told first what a smaller one takes away', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);
  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  await page.getByRole('tab', { name: 'Plan' }).click();
  const change = page.getByRole('form', { name: 'Change the plan' });
  await expect(change.getByRole('button', { name: 'Change plan' })).toBeDisabled();
  await change.getByLabel('Change to').selectOption('standard');
  const lost = change.getByRole('list', { name: 'What the change takes away' });
  await expect(lost).toContainText('The standard plan does not include enforced models and tools.');
  await expect(lost).toContainText('The standard plan does not include audit logs.');
  await shot(page, '1-downgrade-warned');
  await change.getByRole('button', { name: 'Change to Standard' }).click();
  await expect(page.locator('.plan-name')).toHaveText('Standard');
  await expect(page.getByRole('meter', { name: 'Projects in use' })).toHaveAttribute('aria-valuemax', '10');
  const org = await world.as('owner')('GET', `/orgs/${world.orgId}`);
  expect((org.body as { plan: string }).plan).toBe('standard');
  await shot(page, '2-standard');
});
