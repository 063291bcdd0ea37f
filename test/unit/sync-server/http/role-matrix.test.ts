import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import type { Invitation, InvitationCreated } from '../../../../shared/domain/invitation';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { ModelVersion } from '../../../../shared/domain/model-version';
import type { Organization } from '../../../../shared/domain/organization';
import type { OrgRole } from '../../../../shared/domain/roles';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import { ApiErrorBody, errorStatus } from '../../../../shared/rest/api-error';
import { apiContract } from '../../../../shared/rest/api-contract';
import type { EndpointKey } from '../../../../shared/rest/api-contract';
import type { Endpoint } from '../../../../shared/rest/endpoint';
import type { KeyScope } from '../../../../shared/domain/key-scope';
import { endpointScopes } from '../../../../shared/policy/endpoint-scopes';
import type { AuthSession } from '../../../../shared/rest/auth-endpoints';
import type { OrgMember } from '../../../../shared/rest/org-endpoints';
import { freshProject, joinOrg, ok } from '../support/project-fixtures';
import { provider, sha256Of } from '../support/rich-world';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, password, signup, worldRoles } from '../support/world';
import type { Actor, World } from '../support/world';

/**
 * Every endpoint of the contract against every role of the world, from one table. The world: the
 * owner is an org owner and created project alpha; the admin is an org admin without a direct role;
 * the editor, member and viewer hold that role on alpha (and on every project and workgroup made
 * for a row); the outsider is an org member without a role; the stranger owns another organization
 * and calls with this one's ids. Registry entries of a row are the member's, published to alpha.
 * Knowledge bases of a row belong to alpha. Each call that changes something gets a fresh target,
 * so the order of the cases does not matter.
 */
type Row = readonly [endpoint: string, owner: number, admin: number, editor: number, member: number, viewer: number, outsider: number, stranger: number];

// prettier-ignore
const expectations: readonly Row[] = [
  //  endpoint (variant)                            owner admin editor member viewer outsider stranger
  ['auth.signup',                                   202,  202,  202,   202,   202,   202,     202],
  ['auth.login',                                    200,  200,  200,   200,   200,   200,     200],
  ['auth.logout',                                   204,  204,  204,   204,   204,   204,     204],
  ['auth.whoami',                                   200,  200,  200,   200,   200,   200,     200],
  ['auth.access',                                   200,  200,  200,   200,   200,   200,     200],
  ['auth.reauthenticate',                           200,  200,  200,   200,   200,   200,     200],
  ['auth.organizations',                            200,  200,  200,   200,   200,   200,     200],
  ['auth.switch-organization',                      200,  200,  200,   200,   200,   200,     404],
  ['org.create',                                    201,  201,  201,   201,   201,   201,     201],
  ['api-key.list',                                  200,  200,  200,   200,   200,   200,     200],
  ['api-key.list (whole organization)',             200,  200,  403,   403,   403,   403,     200],
  ['api-key.create',                                201,  201,  201,   201,   201,   201,     201],
  ['api-key.create (for an admin service account)', 201,  201,  403,   403,   403,   403,     404],
  ['api-key.create (for an owner service account)', 201,  403,  403,   403,   403,   403,     404],
  ['api-key.revoke (own key)',                      204,  204,  204,   204,   204,   204,     204],
  ["api-key.revoke (a service account's key)",      204,  204,  404,   404,   404,   404,     404],
  ['invitation.list',                               200,  200,  200,   200,   200,   200,     200],
  ['invitation.create (organization)',              201,  201,  403,   403,   403,   403,     201],
  ['invitation.create (project alpha)',             201,  201,  403,   403,   403,   404,     404],
  ['invitation.revoke',                             204,  204,  404,   404,   404,   404,     404],
  // The owner invites each to a project the admin owns directly, as editor: it lowers the admin's
  // role (409); the stranger's column is someone of another organization, whom an owner may admit.
  ['invitation.accept (sent to them)',              200,  409,  200,   200,   200,   200,     200],
  ['invitation.accept (sent to someone else)',      403,  403,  403,   403,   403,   403,     403],

  ['org.read',                                      200,  200,  200,   200,   200,   200,     404],
  ['org.update',                                    200,  200,  403,   403,   403,   403,     404],
  ['org.member.list',                               200,  200,  200,   200,   200,   200,     404],
  ['org.member.upsert',                             200,  200,  403,   403,   403,   403,     404],
  ['org.member.update-role',                        200,  200,  403,   403,   403,   403,     404],
  ['org.member.remove',                             204,  204,  403,   403,   403,   403,     404],

  ['workgroup.list',                                200,  200,  200,   200,   200,   200,     200],
  ['workgroup.create',                              201,  201,  403,   403,   403,   403,     201],
  ['workgroup.read',                                200,  200,  200,   200,   200,   404,     404],
  ['workgroup.update',                              200,  200,  200,   403,   403,   404,     404],
  ['workgroup.delete',                              204,  204,  403,   403,   403,   404,     404],
  ['workgroup.project.list',                        200,  200,  200,   200,   200,   404,     404],
  ['workgroup.project.add',                         201,  201,  403,   403,   403,   404,     404],
  ['workgroup.project.remove',                      204,  204,  403,   403,   403,   404,     404],
  ['workgroup.member.list',                         200,  200,  200,   200,   200,   404,     404],
  ['workgroup.member.upsert',                       200,  200,  403,   403,   403,   404,     404],
  ['workgroup.member.update-role',                  200,  200,  403,   403,   403,   404,     404],
  ['workgroup.member.remove',                       204,  204,  403,   403,   403,   404,     404],

  ['project.list',                                  200,  200,  200,   200,   200,   200,     200],
  ['project.create',                                201,  201,  201,   201,   201,   201,     201],
  ['project.read',                                  200,  200,  200,   200,   200,   404,     404],
  ['project.update',                                200,  200,  200,   403,   403,   404,     404],
  ['project.patch',                                 200,  200,  200,   403,   403,   404,     404],
  ['project.delete',                                204,  204,  403,   403,   403,   404,     404],
  ['project.member.list',                           200,  200,  200,   200,   200,   404,     404],
  ['project.member.add',                            200,  200,  403,   403,   403,   404,     404],
  ['project.member.update',                         200,  200,  403,   403,   403,   404,     404],
  ['project.member.remove (someone else)',          204,  204,  403,   403,   403,   404,     404],
  ['project.member.remove (leaving)',               409,  404,  204,   204,   204,   404,     404],
  ['project.ownership.transfer',                    200,  200,  403,   403,   403,   404,     404],
  ['project.config.read',                           200,  200,  200,   200,   200,   404,     404],
  ['project.config.update',                         200,  200,  200,   403,   403,   404,     404],
  ['conversation.list',                             200,  200,  200,   200,   200,   404,     404],
  ['conversation.create',                           201,  201,  201,   201,   403,   404,     404],
  ['project.search',                                200,  200,  200,   200,   200,   404,     404],
  ['project.export',                                200,  200,  200,   403,   403,   404,     404],

  ['model.list',                                    200,  200,  200,   200,   200,   200,     200],
  ['model.create (private)',                        201,  201,  201,   201,   201,   201,     201],
  ['model.create (into alpha)',                     201,  201,  201,   201,   403,   404,     404],
  ['model.get',                                     200,  200,  200,   200,   200,   404,     404],
  ['model.update',                                  200,  200,  403,   200,   403,   404,     404],
  ['model.update (marking it verified)',            200,  200,  403,   403,   403,   404,     404],
  ['model.delete',                                  204,  204,  403,   204,   403,   404,     404],
  ['model.visibility.update',                       200,  200,  403,   200,   403,   404,     404],
  ['model.version.list',                            200,  200,  200,   200,   200,   404,     404],
  ['model.version.create',                          201,  201,  403,   201,   403,   404,     404],
  ['model.version.set-current',                     200,  200,  403,   200,   403,   404,     404],
  ['model.version.compare',                         200,  200,  200,   200,   200,   404,     404],
  ['model.lineage',                                 200,  200,  200,   200,   200,   404,     404],

  ['agent.list',                                    200,  200,  200,   200,   200,   200,     200],
  ['agent.create (private)',                        201,  201,  201,   201,   201,   201,     201],
  ['agent.create (into alpha)',                     201,  201,  201,   201,   403,   404,     404],
  ['agent.get',                                     200,  200,  200,   200,   200,   404,     404],
  ['agent.update',                                  200,  200,  403,   200,   403,   404,     404],
  ['agent.delete',                                  204,  204,  403,   204,   403,   404,     404],
  ['agent.visibility.update',                       200,  200,  403,   200,   403,   404,     404],
  ['agent.retire',                                  200,  200,  403,   200,   403,   404,     404],
  ['agent.fork',                                    201,  201,  201,   403,   403,   404,     404],
  ['agent.stats',                                   200,  200,  200,   200,   200,   404,     404],
  ['agent.ranking',                                 200,  200,  200,   200,   200,   200,     200],

  ['connection.list',                               200,  200,  200,   200,   200,   200,     200],
  ['connection.create (organization)',              201,  201,  403,   403,   403,   403,     201],
  ['connection.create (for a workgroup)',           201,  201,  403,   403,   403,   404,     404],
  ['connection.update (organization)',              200,  200,  403,   403,   403,   403,     404],
  ['connection.update (a workgroup\'s)',            200,  200,  403,   403,   403,   404,     404],
  ['connection.delete',                             204,  204,  403,   403,   403,   403,     404],
  ['conversation.message.create',                   201,  201,  201,   201,   403,   404,     404],
  ['run.create',                                    201,  201,  201,   201,   403,   404,     404],
  ['run.list',                                      200,  200,  200,   200,   200,   404,     404],
  ['run.cancel',                                    200,  200,  200,   200,   403,   404,     404],

  ['org.audit.read',                                200,  200,  403,   403,   403,   403,     200],
  ['org.audit.export',                              200,  200,  403,   403,   403,   403,     200],
  ['org.audit.verify',                              200,  200,  403,   403,   403,   403,     200],
  ['project.audit.read',                            200,  200,  403,   403,   403,   404,     404],
  ['project.audit.export',                          200,  200,  403,   403,   403,   404,     404],

  ['knowledge-base.list',                           200,  200,  200,   200,   200,   200,     200],
  ['knowledge-base.create (for alpha)',             201,  201,  201,   403,   403,   404,     404],
  ['knowledge-base.read',                           200,  200,  200,   200,   200,   404,     404],
  ['knowledge-base.update',                         200,  200,  200,   403,   403,   404,     404],
  ['knowledge-base.delete',                         204,  204,  204,   403,   403,   404,     404],
  ['knowledge-document.list',                       200,  200,  200,   200,   200,   404,     404],
  ['knowledge-document.create',                     201,  201,  201,   403,   403,   404,     404],
  ['knowledge-document.read',                       200,  200,  200,   200,   200,   404,     404],
  ['knowledge-document.update',                     200,  200,  200,   403,   403,   404,     404],
  ['knowledge-document.delete',                     204,  204,  204,   403,   403,   404,     404],
  ['knowledge.search',                              200,  200,  200,   200,   200,   404,     404],

  ['change.list',                                   200,  200,  200,   200,   200,   200,     200],
  ['openapi.read',                                  200,  200,  200,   200,   200,   200,     200],
  ['server.status',                                 200,  200,  200,   200,   200,   200,     200],
];

interface Call {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  /** A credential of the actor other than their world token, for calls that end it. */
  readonly token?: string;
}

let server: TestServer;
let world: World;
let botId: string;
let extra: Actor;
let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

const owner = () => world.as('owner');
const member = () => world.as('member');
const alpha = () => world.projectId;

/** A workgroup the owner created, where the editor, member and viewer hold the role of their name and the bot is a viewer. */
async function newWorkgroup(): Promise<string> {
  const workgroup = await ok<Workgroup>(owner()('POST', '/workgroups', { body: { name: unique('Workgroup') } }), 'workgroup');
  const members: [string, string][] = [
    [world.actors.editor.userId, 'editor'],
    [world.actors.member.userId, 'member'],
    [world.actors.viewer.userId, 'viewer'],
    [botId, 'viewer'],
  ];
  for (const [userId, role] of members) {
    await ok(owner()('POST', `/workgroups/${workgroup.id}/members`, { body: { userId, role } }), 'workgroup member');
  }
  return workgroup.id;
}

async function newServiceAccount(role: OrgRole = 'member'): Promise<string> {
  const bot = await ok<OrgMember>(
    owner()('POST', `/orgs/${world.orgId}/members`, { body: { serviceAccount: { displayName: unique('Bot') }, role } }),
    'service account',
  );
  return bot.user.id;
}

const connectionBody = (workgroupId: string | null) => ({ name: unique('Connection'), baseUrl: 'https://llm.example.test/v1', apiKey: 'sk-matrix', workgroupId });

/** A model connection the owner registered, for the organization or one workgroup. */
async function newConnection(workgroupId: string | null): Promise<string> {
  return (await ok<{ id: string }>(owner()('POST', '/connections', { body: connectionBody(workgroupId) }), 'connection')).id;
}

/** A model of the member's published to alpha, with two versions. */
async function newModel(): Promise<{ id: string; versions: [string, string] }> {
  const model = await ok<ModelEntry>(
    member()('POST', '/model-registry', { body: { name: unique('Model'), provider, visibility: { level: 'project', projectId: alpha() } } }),
    'model',
  );
  const v1 = await ok<ModelVersion>(
    member()('POST', `/model-registry/${model.id}/versions`, { body: { version: '1.0.0', checksum: sha256Of(`${model.id} 1`) } }),
    'version 1',
  );
  const v2 = await ok<ModelVersion>(
    member()('POST', `/model-registry/${model.id}/versions`, {
      body: { version: '2.0.0', checksum: sha256Of(`${model.id} 2`), parent: { modelId: model.id, versionId: v1.id } },
    }),
    'version 2',
  );
  return { id: model.id, versions: [v1.id, v2.id] };
}

const agentDefinition = (name: string) => ({
  name,
  description: '',
  systemPrompt: 'Answer questions about the codebase.',
  tools: ['search'],
  examples: [],
  modelId: null,
  visibility: { level: 'project', projectId: alpha() },
});

/** An agent of the member's published to alpha. */
async function newAgent(): Promise<string> {
  return (await ok<{ id: string }>(member()('POST', '/agent-registry', { body: agentDefinition(unique('Agent')) }), 'agent')).id;
}

/** A shared conversation of alpha's, and an agent of the member's whose model uses a server connection (unreachable, so its runs fail at once). */
async function newServedConversation(): Promise<{ conversationId: string; agentId: string }> {
  const connectionId = await newConnection(null);
  const model = await ok<ModelEntry>(
    member()('POST', '/model-registry', { body: { name: unique('Served'), provider: { connectionId, model: 'm' }, visibility: { level: 'project', projectId: alpha() } } }),
    'served model',
  );
  const agent = await ok<{ id: string }>(member()('POST', '/agent-registry', { body: { ...agentDefinition(unique('Served agent')), modelId: model.id } }), 'served agent');
  const conversation = await ok<{ id: string }>(owner()('POST', `/projects/${alpha()}/conversations`, { body: { title: unique('Served'), kind: 'shared' } }), 'conversation');
  return { conversationId: conversation.id, agentId: agent.id };
}

/** A knowledge base of alpha's, with one document. */
async function newKnowledgeBase(): Promise<{ id: string; documentId: string }> {
  const base = await ok<{ id: string }>(
    owner()('POST', '/knowledge-bases', { body: { name: unique('Handbook'), owner: { kind: 'project', projectId: alpha() } } }),
    'knowledge base',
  );
  const document = await ok<{ id: string }>(
    owner()('POST', `/knowledge-bases/${base.id}/documents`, { body: { path: 'guides/setup.md', content: 'Run the installer, then sign in.' } }),
    'document',
  );
  return { id: base.id, documentId: document.id };
}

async function login(actor: Actor): Promise<string> {
  return (await ok<AuthSession>(world.server.request('POST', '/auth/login', { body: { email: actor.email, password } }), 'login')).token;
}

const settings = { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] };

const calls: Record<string, (actor: Actor) => Promise<Call>> = {
  'auth.signup': async () => ({
    method: 'POST',
    path: '/auth/signup',
    body: { email: `signup-${++counter}@example.test`, password, displayName: 'New person' },
  }),
  'auth.login': async (actor) => ({ method: 'POST', path: '/auth/login', body: { email: actor.email, password } }),
  'auth.logout': async (actor) => ({ method: 'POST', path: '/auth/logout', token: await login(actor) }),
  'auth.whoami': async () => ({ method: 'GET', path: '/auth/whoami' }),
  'auth.access': async () => ({ method: 'GET', path: '/auth/access' }),
  'auth.reauthenticate': async (actor) => ({ method: 'POST', path: '/auth/reauthenticate', body: { password }, token: await login(actor) }),
  'auth.organizations': async () => ({ method: 'GET', path: '/auth/organizations' }),
  // Into this world's organization: the stranger is not in it.
  'auth.switch-organization': async (actor) => ({ method: 'POST', path: '/auth/switch-organization', body: { orgId: world.orgId }, token: await login(actor) }),
  'org.create': async () => ({ method: 'POST', path: '/orgs', body: { name: unique('Founded') } }),
  'api-key.list': async () => ({ method: 'GET', path: '/auth/api-keys' }),
  'api-key.list (whole organization)': async () => ({ method: 'GET', path: '/auth/api-keys?scope=organization' }),
  'api-key.create': async () => ({ method: 'POST', path: '/auth/api-keys', body: { name: unique('Key') } }),
  // A key acts with its holder's role: minting one needs at least that role.
  'api-key.create (for an admin service account)': async () => ({
    method: 'POST',
    path: '/auth/api-keys',
    body: { name: unique('Admin bot key'), userId: await newServiceAccount('admin') },
  }),
  'api-key.create (for an owner service account)': async () => ({
    method: 'POST',
    path: '/auth/api-keys',
    body: { name: unique('Owner bot key'), userId: await newServiceAccount('owner') },
  }),
  'api-key.revoke (own key)': async (actor) => {
    const key = await ok<ApiKeyMinted>(world.client(actor)('api-key.create', { body: { name: unique('Own key') } }), 'own key');
    return { method: 'DELETE', path: `/auth/api-keys/${key.id}` };
  },
  "api-key.revoke (a service account's key)": async () => {
    const key = await ok<ApiKeyMinted>(owner()('POST', '/auth/api-keys', { body: { name: unique('Bot key'), userId: botId } }), 'bot key');
    return { method: 'DELETE', path: `/auth/api-keys/${key.id}` };
  },
  'invitation.list': async () => ({ method: 'GET', path: '/auth/invitations' }),
  'invitation.create (organization)': async () => ({
    method: 'POST',
    path: '/auth/invitations',
    body: { email: `invitee-${++counter}@example.test`, target: { kind: 'organization', role: 'member' } },
  }),
  'invitation.create (project alpha)': async () => ({
    method: 'POST',
    path: '/auth/invitations',
    body: { email: `guest-${++counter}@example.test`, target: { kind: 'project', projectId: alpha(), role: 'viewer' } },
  }),
  'invitation.revoke': async () => {
    const invitation = await ok<Invitation>(
      owner()('POST', '/auth/invitations', { body: { email: `revoked-${++counter}@example.test`, target: { kind: 'organization', role: 'member' } } }),
      'invitation',
    );
    return { method: 'DELETE', path: `/auth/invitations/${invitation.id}` };
  },

  'invitation.accept (sent to them)': async (actor) => {
    const project = await ok<{ id: string }>(world.client('admin')('project.create', { body: { name: unique('Invited into') } }), 'admin project');
    // The stranger of the world must stay outside this organization: a newcomer from elsewhere stands in.
    const person = actor === world.actors.stranger ? (await signup(world.server, `newcomer-${++counter}`, unique('Elsewhere'))).actor : actor;
    const invitation = await ok<InvitationCreated>(
      owner()('POST', '/auth/invitations', { body: { email: person.email, target: { kind: 'project', projectId: project.id, role: 'editor' } } }),
      'invitation',
    );
    return { method: 'POST', path: '/auth/invitations/accept', body: { code: invitation.code }, token: person.token };
  },
  'invitation.accept (sent to someone else)': async () => {
    const invitation = await ok<InvitationCreated>(
      owner()('POST', '/auth/invitations', { body: { email: `addressee-${++counter}@example.test`, target: { kind: 'organization', role: 'member' } } }),
      'invitation',
    );
    return { method: 'POST', path: '/auth/invitations/accept', body: { code: invitation.link } };
  },

  'org.read': async () => ({ method: 'GET', path: `/orgs/${world.orgId}` }),
  'org.update': async () => {
    const org = await ok<Organization>(owner()('GET', `/orgs/${world.orgId}`), 'organization');
    return { method: 'PUT', path: `/orgs/${world.orgId}`, body: { name: unique('Acme'), slug: org.slug, plan: org.plan } };
  },
  'org.member.list': async () => ({ method: 'GET', path: `/orgs/${world.orgId}/members` }),
  'org.member.upsert': async () => ({
    method: 'POST',
    path: `/orgs/${world.orgId}/members`,
    body: { serviceAccount: { displayName: unique('Robot') }, role: 'member' },
  }),
  'org.member.update-role': async () => ({ method: 'PUT', path: `/orgs/${world.orgId}/members/${await newServiceAccount()}`, body: { role: 'admin' } }),
  'org.member.remove': async () => ({ method: 'DELETE', path: `/orgs/${world.orgId}/members/${await newServiceAccount()}` }),

  'workgroup.list': async () => ({ method: 'GET', path: '/workgroups' }),
  'workgroup.create': async () => ({ method: 'POST', path: '/workgroups', body: { name: unique('Created') } }),
  'workgroup.read': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}` }),
  'workgroup.update': async () => ({
    method: 'PUT',
    path: `/workgroups/${await newWorkgroup()}`,
    body: { name: unique('Renamed'), description: 'Renamed', settings },
  }),
  'workgroup.delete': async () => ({ method: 'DELETE', path: `/workgroups/${await newWorkgroup()}` }),
  'workgroup.project.list': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}/projects` }),
  'workgroup.project.add': async () => ({
    method: 'POST',
    path: `/workgroups/${await newWorkgroup()}/projects`,
    body: { projectId: (await freshProject(world)).id },
  }),
  'workgroup.project.remove': async () => {
    const workgroupId = await newWorkgroup();
    const project = await freshProject(world);
    await ok(owner()('POST', `/workgroups/${workgroupId}/projects`, { body: { projectId: project.id } }), 'project into workgroup');
    return { method: 'DELETE', path: `/workgroups/${workgroupId}/projects/${project.id}` };
  },
  'workgroup.member.list': async () => ({ method: 'GET', path: `/workgroups/${await newWorkgroup()}/members` }),
  'workgroup.member.upsert': async () => ({
    method: 'POST',
    path: `/workgroups/${await newWorkgroup()}/members`,
    body: { userId: world.actors.outsider.userId, role: 'viewer' },
  }),
  'workgroup.member.update-role': async () => ({ method: 'PUT', path: `/workgroups/${await newWorkgroup()}/members/${botId}`, body: { role: 'member' } }),
  'workgroup.member.remove': async () => ({ method: 'DELETE', path: `/workgroups/${await newWorkgroup()}/members/${botId}` }),

  'project.list': async () => ({ method: 'GET', path: '/projects' }),
  'project.create': async () => ({ method: 'POST', path: '/projects', body: { name: unique('Made') } }),
  'project.read': async () => ({ method: 'GET', path: `/projects/${alpha()}` }),
  'project.update': async () => {
    const project = await freshProject(world);
    return {
      method: 'PUT',
      path: `/projects/${project.id}`,
      body: {
        name: unique('Renamed'),
        canonicalName: `renamed-${counter}`,
        description: 'new',
        metadata: { team: 'x' },
        defaultModelId: null,
        primaryWorkgroupId: null,
        sharedWorkgroupIds: [],
      },
    };
  },
  'project.patch': async () => ({ method: 'PATCH', path: `/projects/${(await freshProject(world)).id}`, body: { description: 'patched' } }),
  'project.delete': async () => ({ method: 'DELETE', path: `/projects/${(await freshProject(world)).id}` }),
  'project.member.list': async () => ({ method: 'GET', path: `/projects/${alpha()}/members` }),
  'project.member.add': async () => ({
    method: 'POST',
    path: `/projects/${(await freshProject(world)).id}/members`,
    body: { userId: world.actors.outsider.userId, role: 'viewer' },
  }),
  'project.member.update': async () => ({
    method: 'PUT',
    path: `/projects/${(await freshProject(world, [[extra, 'viewer']])).id}/members/${extra.userId}`,
    body: { role: 'member' },
  }),
  'project.member.remove (someone else)': async () => ({
    method: 'DELETE',
    path: `/projects/${(await freshProject(world, [[extra, 'viewer']])).id}/members/${extra.userId}`,
  }),
  // The owner is the project's only direct owner (409); the admin holds no direct role to give up (404).
  'project.member.remove (leaving)': async (actor) => ({ method: 'DELETE', path: `/projects/${(await freshProject(world)).id}/members/${actor.userId}` }),
  'project.ownership.transfer': async () => ({
    method: 'POST',
    path: `/projects/${(await freshProject(world)).id}/transfer-ownership`,
    body: { userId: extra.userId },
  }),
  'project.config.read': async () => ({ method: 'GET', path: `/projects/${alpha()}/config` }),
  'project.config.update': async () => ({
    method: 'PUT',
    path: `/projects/${(await freshProject(world)).id}/config`,
    body: { systemPromptOverride: 'Be brief.', modelLock: null, toolAllowlist: ['search'], knowledgeBaseIds: [], defaultModelId: null },
  }),
  'conversation.list': async () => ({ method: 'GET', path: `/projects/${alpha()}/conversations` }),
  'conversation.create': async () => ({ method: 'POST', path: `/projects/${alpha()}/conversations`, body: { title: unique('Standup'), kind: 'shared' } }),
  'project.search': async () => ({ method: 'GET', path: `/projects/${alpha()}/search?q=alpha` }),
  'project.export': async () => ({ method: 'GET', path: `/projects/${alpha()}/export` }),

  'model.list': async () => ({ method: 'GET', path: '/model-registry' }),
  'model.create (private)': async () => ({ method: 'POST', path: '/model-registry', body: { name: unique('Mine'), provider } }),
  'model.create (into alpha)': async () => ({
    method: 'POST',
    path: '/model-registry',
    body: { name: unique('Shared'), provider, visibility: { level: 'project', projectId: alpha() } },
  }),
  'model.get': async () => ({ method: 'GET', path: `/model-registry/${(await newModel()).id}` }),
  'model.update': async () => ({
    method: 'PUT',
    path: `/model-registry/${(await newModel()).id}`,
    body: { name: unique('Renamed'), description: 'new', provider, badges: ['fine-tuned'] },
  }),
  // Only org admins and owners vouch for an entry, even one the member owns.
  'model.update (marking it verified)': async () => ({
    method: 'PUT',
    path: `/model-registry/${(await newModel()).id}`,
    body: { name: unique('Verified'), description: 'new', provider, badges: ['verified'] },
  }),
  'model.delete': async () => ({ method: 'DELETE', path: `/model-registry/${(await newModel()).id}` }),
  'model.visibility.update': async () => ({ method: 'PUT', path: `/model-registry/${(await newModel()).id}/visibility`, body: { level: 'public' } }),
  'model.version.list': async () => ({ method: 'GET', path: `/model-registry/${(await newModel()).id}/versions` }),
  'model.version.create': async () => ({
    method: 'POST',
    path: `/model-registry/${(await newModel()).id}/versions`,
    body: { version: '3.0.0', checksum: sha256Of(unique('v3')) },
  }),
  'model.version.set-current': async () => {
    const model = await newModel();
    return { method: 'PUT', path: `/model-registry/${model.id}/current-version`, body: { versionId: model.versions[1] } };
  },
  'model.version.compare': async () => {
    const model = await newModel();
    return { method: 'GET', path: `/model-registry/${model.id}/versions/compare?a=${model.versions[0]}&b=${model.versions[1]}` };
  },
  'model.lineage': async () => {
    const model = await newModel();
    return { method: 'GET', path: `/model-registry/${model.id}/lineage?versionId=${model.versions[1]}` };
  },

  'agent.list': async () => ({ method: 'GET', path: '/agent-registry' }),
  'agent.create (private)': async () => ({ method: 'POST', path: '/agent-registry', body: { name: unique('Mine'), systemPrompt: 'Help.' } }),
  'agent.create (into alpha)': async () => ({ method: 'POST', path: '/agent-registry', body: agentDefinition(unique('Shared')) }),
  'agent.get': async () => ({ method: 'GET', path: `/agent-registry/${await newAgent()}` }),
  'agent.update': async () => ({
    method: 'PUT',
    path: `/agent-registry/${await newAgent()}`,
    body: { ...agentDefinition(unique('Renamed')), status: 'active' },
  }),
  'agent.delete': async () => ({ method: 'DELETE', path: `/agent-registry/${await newAgent()}` }),
  'agent.visibility.update': async () => ({ method: 'PUT', path: `/agent-registry/${await newAgent()}/visibility`, body: { level: 'public' } }),
  'agent.retire': async () => ({ method: 'POST', path: `/agent-registry/${await newAgent()}/retire` }),
  'agent.fork': async () => ({ method: 'POST', path: `/agent-registry/${await newAgent()}/fork`, body: { projectId: alpha() } }),
  'agent.stats': async () => ({ method: 'GET', path: `/agent-registry/${await newAgent()}/stats` }),
  'agent.ranking': async () => ({ method: 'GET', path: '/agent-registry/stats?sortBy=errorRate' }),

  'connection.list': async () => ({ method: 'GET', path: '/connections' }),
  'conversation.message.create': async () => ({ method: 'POST', path: `/conversations/${(await newServedConversation()).conversationId}/messages`, body: { content: 'Hello' } }),
  'run.create': async () => {
    const served = await newServedConversation();
    return { method: 'POST', path: `/conversations/${served.conversationId}/runs`, body: { agentId: served.agentId } };
  },
  'run.list': async () => ({ method: 'GET', path: `/conversations/${(await newServedConversation()).conversationId}/runs` }),
  'run.cancel': async () => {
    const served = await newServedConversation();
    const run = await ok<{ id: string }>(member()('POST', `/conversations/${served.conversationId}/runs`, { body: { agentId: served.agentId } }), 'run');
    return { method: 'POST', path: `/conversations/${served.conversationId}/runs/${run.id}/cancel` };
  },
  'connection.create (organization)': async () => ({ method: 'POST', path: '/connections', body: connectionBody(null) }),
  'connection.create (for a workgroup)': async () => ({ method: 'POST', path: '/connections', body: connectionBody(await newWorkgroup()) }),
  'connection.update (organization)': async () => ({ method: 'PATCH', path: `/connections/${await newConnection(null)}`, body: { apiKey: 'sk-new' } }),
  "connection.update (a workgroup's)": async () => ({
    method: 'PATCH',
    path: `/connections/${await newConnection(await newWorkgroup())}`,
    body: { name: unique('Renamed') },
  }),
  'connection.delete': async () => ({ method: 'DELETE', path: `/connections/${await newConnection(null)}` }),

  'org.audit.read': async () => ({ method: 'GET', path: '/audit?limit=5' }),
  'org.audit.export': async () => ({ method: 'GET', path: '/audit/export?outcome=denied' }),
  'org.audit.verify': async () => ({ method: 'GET', path: '/audit/verify' }),
  'project.audit.read': async () => ({ method: 'GET', path: `/projects/${alpha()}/audit?limit=5` }),
  'project.audit.export': async () => ({ method: 'GET', path: `/projects/${alpha()}/audit/export` }),

  'knowledge-base.list': async () => ({ method: 'GET', path: '/knowledge-bases' }),
  'knowledge-base.create (for alpha)': async () => ({
    method: 'POST',
    path: '/knowledge-bases',
    body: { name: unique('Runbook'), owner: { kind: 'project', projectId: alpha() } },
  }),
  'knowledge-base.read': async () => ({ method: 'GET', path: `/knowledge-bases/${(await newKnowledgeBase()).id}` }),
  'knowledge-base.update': async () => ({
    method: 'PUT',
    path: `/knowledge-bases/${(await newKnowledgeBase()).id}`,
    body: { name: unique('Renamed'), description: 'new' },
  }),
  'knowledge-base.delete': async () => ({ method: 'DELETE', path: `/knowledge-bases/${(await newKnowledgeBase()).id}` }),
  'knowledge-document.list': async () => ({ method: 'GET', path: `/knowledge-bases/${(await newKnowledgeBase()).id}/documents` }),
  'knowledge-document.create': async () => ({
    method: 'POST',
    path: `/knowledge-bases/${(await newKnowledgeBase()).id}/documents`,
    body: { path: 'guides/faq.md', content: 'Questions and answers.' },
  }),
  'knowledge-document.read': async () => {
    const base = await newKnowledgeBase();
    return { method: 'GET', path: `/knowledge-bases/${base.id}/documents/${base.documentId}` };
  },
  'knowledge-document.update': async () => {
    const base = await newKnowledgeBase();
    return {
      method: 'PUT',
      path: `/knowledge-bases/${base.id}/documents/${base.documentId}`,
      body: { path: 'guides/install.md', content: 'Run the installer.' },
    };
  },
  'knowledge-document.delete': async () => {
    const base = await newKnowledgeBase();
    return { method: 'DELETE', path: `/knowledge-bases/${base.id}/documents/${base.documentId}` };
  },
  'knowledge.search': async () => ({ method: 'GET', path: `/projects/${alpha()}/knowledge/search?q=installer` }),

  'change.list': async () => ({ method: 'GET', path: '/changes' }),
  'openapi.read': async () => ({ method: 'GET', path: '/openapi.json' }),
  'server.status': async () => ({ method: 'GET', path: '/server/status' }),
};

const endpointOfRow = (row: string) => row.split(' (')[0] ?? row;
const cases = expectations.flatMap(([row, ...statuses]) => worldRoles.map((role, index) => [row, role, statuses[index] as number] as const));

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  botId = await newServiceAccount();
  extra = await joinOrg(world, 'extra');
});

afterAll(async () => {
  await server.dispose();
});

describe('the expectations table', () => {
  it('has a row for every endpoint of the contract', () => {
    const covered = new Set(expectations.map(([row]) => endpointOfRow(row)));
    expect(Object.keys(apiContract).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('names only endpoints of the contract, each row once and with a call', () => {
    const rows = expectations.map(([row]) => row);
    expect(rows.filter((row) => !(endpointOfRow(row) in apiContract))).toEqual([]);
    expect(rows.filter((row, index) => rows.indexOf(row) !== index)).toEqual([]);
    expect(rows.filter((row) => calls[row] === undefined)).toEqual([]);
    expect(Object.keys(calls).filter((call) => !rows.includes(call))).toEqual([]);
  });

  it('calls each endpoint with the method and path the contract declares', async () => {
    const wrong: string[] = [];
    for (const [row] of expectations) {
      const endpoint = apiContract[endpointOfRow(row) as keyof typeof apiContract];
      const call = await calls[row]!(world.actors.owner);
      const pattern = new RegExp(`^${endpoint.path.replace(/:[a-zA-Z]+/g, '[^/]+')}(\\?.*)?$`);
      if (call.method !== endpoint.method || !pattern.test(call.path)) wrong.push(`${row}: ${call.method} ${call.path}`);
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * The scope dimension: the owner calls every row again with a key of one scope set. Where the
 * endpoint's scope (`endpointScopes`) is among the key's, the answer is the owner's; otherwise 403.
 * Rows that end or need a session are left to the session columns.
 */
const sessionOnly = new Set(['auth.logout', 'auth.reauthenticate', 'auth.switch-organization']);
const scopeSets: readonly (readonly KeyScope[])[] = [['read'], ['read', 'write'], ['admin']];
const scopeCases = scopeSets.flatMap((scopes) =>
  expectations
    .filter(([row]) => !sessionOnly.has(endpointOfRow(row)) && (apiContract[endpointOfRow(row) as EndpointKey] as Endpoint).auth !== 'none')
    .map(([row, ownerStatus]) => {
      const needed = endpointScopes[endpointOfRow(row) as EndpointKey];
      // A key mints nothing beyond its own scopes, and a minted key reads and writes by default.
      const mintsMore = endpointOfRow(row) === 'api-key.create' && !(scopes.includes('read') && scopes.includes('write'));
      return [row, scopes.join('+'), mintsMore || (needed !== 'none' && !scopes.includes(needed)) ? 403 : ownerStatus] as const;
    }),
);

describe(`${scopeCases.length} endpoint × key scope cases`, () => {
  it('names the scope the issue gives the structural endpoints', () => {
    for (const key of ['workgroup.create', 'workgroup.delete', 'org.member.update-role', 'project.member.add', 'api-key.create', 'org.update'] as const) {
      expect(endpointScopes[key]).toBe('admin');
    }
    for (const key of ['conversation.create', 'knowledge-document.create', 'agent.create', 'model.update'] as const) expect(endpointScopes[key]).toBe('write');
  });

  it.each(scopeCases)('%s with a %s key answers %i', async (row, scopeList, status) => {
    const key = await ok<ApiKeyMinted>(owner()('POST', '/auth/api-keys', { body: { name: unique('Scoped'), scopes: scopeList.split('+') } }), 'scoped key');
    const call = await calls[row]!(world.actors.owner);
    const res = await world.server.request(call.method, call.path, { token: key.secret, ...(call.body === undefined ? {} : { body: call.body }) });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status === 403 && res.status === 403) expect(JSON.stringify(res.body)).toMatch(/scope|owner|admin|forbidden|not allowed|cannot|only/i);
  });
});

describe(`${cases.length} role × endpoint cases over ${Object.keys(apiContract).length} endpoints`, () => {
  it.each(cases)('%s as %s answers %i', async (row, role, status) => {
    const actor = world.actors[role];
    const call = await calls[row]!(actor);
    const res = await world.server.request(call.method, call.path, {
      token: call.token ?? actor.token,
      ...(call.body === undefined ? {} : { body: call.body }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    if (status >= 400) {
      const error = ApiErrorBody.parse(res.body).error;
      expect(errorStatus[error.code]).toBe(status);
    }
  });
});
