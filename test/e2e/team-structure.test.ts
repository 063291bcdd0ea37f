import { createWorld, invite, password } from '../unit/sync-server/support/world';
import { expect, test } from './support/fixtures';
import { signInThroughUi } from './support/sign-in';

test('an admin builds the organization in the app: its name, two workgroups, three projects and members with roles', async ({ server, launchApp, page, shot }) => {
  test.setTimeout(90_000);
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.admin.email, password);
  const nav = page.getByRole('navigation', { name: 'Navigation' });

  // Rename the organization: the sidebar follows.
  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  await page.getByRole('tab', { name: 'Structure' }).click();
  const orgForm = page.getByRole('form', { name: 'Organization name' });
  await orgForm.getByLabel('Organization name').fill('Northwind Research');
  await orgForm.getByRole('button', { name: 'Rename organization' }).click();
  await expect(orgForm.getByRole('status')).toHaveText('The organization is now called Northwind Research.');
  await expect(nav.getByTitle('Organization')).toHaveText('Northwind Research');

  // Two workgroups.
  const newWorkgroup = page.getByRole('form', { name: 'New workgroup' });
  await expect(newWorkgroup.getByRole('button', { name: 'Create workgroup' })).toBeDisabled();
  await expect(newWorkgroup.getByText('Enter a name first')).toBeVisible();
  await expect(newWorkgroup.getByLabel('Workgroup name')).toHaveAttribute('maxlength', '100');
  await expect(newWorkgroup.getByLabel('Workgroup name')).toHaveAttribute('required', '');
  for (const [name, description] of [
    ['Research', 'Models and evaluations'],
    ['Operations', 'Running the lab'],
  ] as const) {
    await newWorkgroup.getByLabel('Workgroup name').fill(name);
    await newWorkgroup.getByLabel('Description').fill(description);
    await newWorkgroup.getByRole('button', { name: 'Create workgroup' }).click();
    await expect(newWorkgroup.getByRole('status')).toContainText(`Workgroup ${name} created.`);
    await expect(nav.getByRole('button', { name: name, exact: true })).toBeVisible();
  }
  // The same name again, in another case, is refused next to the name.
  await newWorkgroup.getByLabel('Workgroup name').fill('research');
  await newWorkgroup.getByRole('button', { name: 'Create workgroup' }).click();
  await expect(newWorkgroup.getByRole('alert')).toHaveText('Another workgroup of this organization is already named “research”; choose another name.');
  await shot(page, '1-workgroups');

  // Three projects: two in Research, one in Operations.
  const newProject = page.getByRole('form', { name: 'New project' });
  for (const [name, workgroup] of [
    ['Eval Harness', 'Research'],
    ['Model Zoo', 'Research'],
    ['Lab Rota', 'Operations'],
  ] as const) {
    await newProject.getByLabel('Project name').fill(name);
    await newProject.getByLabel('Workgroup').selectOption({ label: workgroup });
    await newProject.getByRole('button', { name: 'Create project' }).click();
    await expect(newProject.getByRole('status')).toContainText(`Project ${name} created.`);
    await expect(nav.getByRole('list', { name: `Projects of ${workgroup}` }).getByRole('button', { name })).toBeVisible();
  }
  await shot(page, '2-projects');

  // Research's members: the editor joins as a member, the viewer as a viewer.
  await nav.getByRole('button', { name: 'Research', exact: true }).click();
  const wg = page.getByRole('main', { name: 'Workgroup Research' });
  await expect(wg.getByRole('region', { name: 'Workgroup projects' })).toContainText('2 projects');
  const addForm = wg.getByRole('form', { name: 'Add a member' });
  await expect(addForm.getByRole('button', { name: 'Add member' })).toBeDisabled();
  await expect(addForm.getByText('Pick a person first')).toBeVisible();
  for (const [actor, role] of [
    [world.actors.editor, 'member'],
    [world.actors.viewer, 'viewer'],
  ] as const) {
    await addForm.getByLabel('Find a person').fill(actor.name);
    await addForm.getByRole('option', { name: new RegExp(actor.email.replace('.', '\\.')) }).click();
    await addForm.getByLabel('Role to give').selectOption(role);
    await addForm.getByRole('button', { name: `Add ${actor.name}` }).click();
    await expect(addForm.getByRole('status')).toContainText(`${actor.name} is now a`);
  }
  const wgMembers = wg.getByRole('table', { name: 'Workgroup members' });
  await expect(wgMembers.getByRole('row')).toHaveCount(4);
  await expect(wg.getByRole('region', { name: 'Workgroup members' })).toContainText('3 people');

  // Changing a role asks first, and says what changes.
  await wgMembers.getByRole('combobox', { name: `Role of ${world.actors.editor.name}` }).selectOption('editor');
  const confirm = wg.getByRole('group', { name: `Confirm role change for ${world.actors.editor.name}` });
  await expect(confirm).toContainText(`Make ${world.actors.editor.name} an Editor instead of Member on every project of Workgroup Research?`);
  await expect(confirm).toContainText('They will be able to');
  await shot(page, '3-role-change-confirm');
  await confirm.getByRole('button', { name: 'Change role' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(wgMembers.getByRole('combobox', { name: `Role of ${world.actors.editor.name}` })).toHaveValue('editor');

  // Remove the viewer again.
  await wgMembers.getByRole('button', { name: `Remove ${world.actors.viewer.name}` }).click();
  await wgMembers.getByRole('button', { name: 'Confirm removal' }).click();
  await expect(wgMembers.getByRole('row')).toHaveCount(3);
  await shot(page, '4-workgroup-members');

  // A project's own members: the outsider becomes an owner of Lab Rota, shown with where roles come from.
  await nav.getByRole('button', { name: 'Lab Rota' }).click();
  await page.getByRole('tab', { name: 'Members' }).click();
  const members = page.getByRole('region', { name: 'Members' });
  const projectAdd = members.getByRole('form', { name: 'Add a member' });
  await projectAdd.getByLabel('Find a person').fill(world.actors.outsider.name);
  await projectAdd.getByRole('option', { name: new RegExp(world.actors.outsider.name) }).click();
  await projectAdd.getByLabel('Role to give').selectOption('owner');
  await projectAdd.getByRole('button', { name: `Add ${world.actors.outsider.name}` }).click();
  const projectMembers = members.getByRole('table', { name: 'Project members' });
  await expect(projectMembers.getByRole('row', { name: new RegExp(world.actors.outsider.name) })).toContainText('Direct');
  await expect(projectMembers.getByRole('combobox', { name: `Role of ${world.actors.outsider.name}` })).toHaveValue('owner');
  await shot(page, '5-project-members');

  // Details: rename, describe, and move it into Research.
  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('form', { name: 'Project details form' });
  await expect(details.getByLabel('Canonical name')).toHaveValue('lab-rota');
  await details.getByLabel('Project name').fill('Lab Rota 2026');
  await details.getByLabel('Description').fill('Who runs the cluster this week');
  await details.getByLabel('Primary workgroup').selectOption({ label: 'Research' });
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(nav.getByRole('list', { name: 'Projects of Research' }).getByRole('button', { name: 'Lab Rota 2026' })).toBeVisible();
  await expect(page.getByRole('main', { name: 'Project Lab Rota 2026' }).getByText('Who runs the cluster this week').first()).toBeVisible();
  await shot(page, '6-project-details');

  // The default project says its rules and cannot be deleted.
  await nav.getByRole('button', { name: 'Default' }).first().click();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByText('it cannot be deleted')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete project…' })).toBeDisabled();
  await expect(page.getByText('The default project cannot be deleted')).toBeVisible();

  // Operations is renamed, then deleted; its project stays.
  await nav.getByRole('button', { name: 'Operations', exact: true }).click();
  const detailsForm = page.getByRole('form', { name: 'Workgroup details' });
  await detailsForm.getByLabel('Workgroup name').fill('Ops');
  await detailsForm.getByRole('button', { name: 'Save details' }).click();
  await expect(nav.getByRole('button', { name: 'Ops', exact: true })).toBeVisible();
  await detailsForm.getByRole('button', { name: 'Delete workgroup…' }).click();
  await page.getByRole('group', { name: 'Confirm deleting the workgroup' }).getByRole('button', { name: 'Delete workgroup' }).click();
  await expect(nav.getByRole('button', { name: 'Ops', exact: true })).toHaveCount(0);
  await shot(page, '7-after-delete');
});

test('someone who already has an account accepts an invitation from the app, without signing out', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const code = await invite(server, world.actors.owner.token, world.actors.outsider.name, { kind: 'project', projectId: world.projectId, role: 'editor' });
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.outsider.email, password);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  await expect(nav.getByRole('button', { name: /^Alpha/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Organization', exact: true }).click();
  await page.getByRole('tab', { name: 'Invitations' }).click();
  const form = page.getByRole('form', { name: 'Accept an invitation' });
  await expect(form.getByRole('button', { name: 'Accept invitation' })).toBeDisabled();
  await form.getByLabel('Invitation code or link').fill('qi_not-a-real-code');
  await form.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(form.getByRole('alert')).toContainText('Code must be an invitation code');
  await form.getByLabel('Invitation code or link').fill(`quorum://invite/${code}`);
  await form.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(form.getByRole('status')).toContainText('you now hold the Editor role on the project it names');
  await expect(nav.getByRole('button', { name: /^Alpha/ })).toContainText('Editor');
  await shot(page, '1-accepted');
});

test('long names are cut with an ellipsis and shown whole on hover, never widening the window; counts read in words', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const long = `Quarterly planning for the infrastructure and reliability engineering group of the northern region`;
  expect(long.length).toBeLessThanOrEqual(100);
  await world.as('owner')('POST', '/projects', { body: { name: long, canonicalName: 'quarterly-planning' } });
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);
  const nav = page.getByRole('navigation', { name: 'Navigation' });
  const before = await nav.boundingBox();
  const row = nav.getByRole('button', { name: long });
  await expect(row.locator('.nav-label')).toHaveAttribute('title', long);
  await row.click();
  await expect(page.getByRole('heading', { name: long })).toHaveAttribute('title', long);
  expect((await nav.boundingBox())?.width).toBe(before?.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  await page.getByRole('tab', { name: 'Members' }).click();
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('heading', { name: /Members/ })).toContainText('1 person');
  await shot(page, '1-long-name');
});

test('bad input is refused next to its field, in words', async ({ server, launchApp, page, shot }) => {
  const world = await createWorld(server);
  const app = await launchApp({ embeddedUrl: null });
  await page.goto(app.url);
  await signInThroughUi(page, server.url, world.actors.owner.email, password);
  await page.getByRole('navigation', { name: 'Navigation' }).getByRole('button', { name: /^Alpha/ }).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('form', { name: 'Project details form' });
  await details.getByLabel('Canonical name').fill('Not A Slug');
  await details.getByRole('button', { name: 'Save details' }).click();
  const field = details.locator('label', { has: page.getByLabel('Canonical name') });
  await expect(field.getByRole('alert')).toHaveText(/^Canonical name must /);
  await expect(details.getByLabel('Canonical name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/body\.|canonicalName/)).toHaveCount(0);
  // A name another project has is refused at the name.
  await details.getByLabel('Canonical name').fill('alpha');
  await details.getByLabel('Project name').fill('Default');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.locator('label', { has: page.getByLabel('Project name') }).getByRole('alert')).toHaveText('Another project of this organization is already named “Default”; choose another name.');
  // Empty required fields keep the button disabled with the reason beside it.
  await details.getByLabel('Project name').fill('');
  await expect(details.getByRole('button', { name: 'Save details' })).toBeDisabled();
  await expect(details.getByText('Fill in the required fields first')).toBeVisible();
  await shot(page, '1-field-errors');
});
