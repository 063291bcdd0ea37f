import { createHash } from 'node:crypto';
import type { AgentEntry } from '../../../../shared/domain/agent-entry';
import type { ApiKeyMinted } from '../../../../shared/domain/api-key';
import type { Conversation } from '../../../../shared/domain/conversation';
import type { Invitation } from '../../../../shared/domain/invitation';
import type { ModelEntry } from '../../../../shared/domain/model-entry';
import type { ModelVersion } from '../../../../shared/domain/model-version';
import type { Project } from '../../../../shared/domain/project';
import type { Workgroup } from '../../../../shared/domain/workgroup';
import type { OrgMember } from '../../../../shared/rest/org-endpoints';
import type { ExampleIds } from './contract-examples';
import type { ApiResponse, TestServer } from './test-server';
import { createWorld } from './world';
import type { World, WorldOptions, WorldRole } from './world';

/**
 * The world of `world.ts` with something of every kind the directory holds, all made through the
 * API: a workgroup `research` holding project `beta`; models with versions, lineage and a
 * rollback; agents with a fork that has fallen behind and a retired one; shared and personal
 * conversations; knowledge bases of the organization, a workgroup and a project, with documents;
 * project settings; pending and revoked invitations; API keys (one revoked) and a
 * service account; allowed and denied audit events. The member owns a private model and a
 * private agent, which nobody else may ever see.
 */
export interface RichWorld extends World {
  readonly workgroupId: string;
  readonly betaProjectId: string;
  readonly serviceAccountId: string;
  readonly publicModelId: string;
  /** The public model's versions, oldest first; the model points back at the first (a rollback). */
  readonly publicVersionIds: readonly [string, string];
  readonly workgroupModelId: string;
  readonly privateModelId: string;
  readonly privateVersionId: string;
  readonly defaultAgentId: string;
  readonly publicAgentId: string;
  readonly forkAgentId: string;
  readonly retiredAgentId: string;
  readonly privateAgentId: string;
  /** Alpha's knowledge base, bound to alpha, and one of its documents. */
  readonly knowledgeBaseId: string;
  readonly knowledgeDocumentId: string;
  readonly orgKnowledgeBaseId: string;
  readonly sharedConversationId: string;
  readonly personalConversationId: string;
  /** An organization-wide model connection with a key. */
  readonly connectionId: string;
  /** A shared conversation of beta's with a run the server answered, and that run. */
  readonly servedConversationId: string;
  readonly runId: string;
  readonly pendingInvitationIds: readonly string[];
  readonly revokedInvitationId: string;
  /** The owner's live API key. */
  readonly apiKey: { readonly id: string; readonly secret: string };
  readonly serviceApiKey: { readonly id: string; readonly secret: string };
  readonly revokedApiKey: { readonly id: string; readonly secret: string };
}

export function sha256Of(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

async function ok<T>(response: Promise<ApiResponse>, what: string): Promise<T> {
  const r = await response;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export const provider = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' };

export async function createRichWorld(server: TestServer, options: WorldOptions = {}): Promise<RichWorld> {
  const world = await createWorld(server, options);
  const call =
    (role: WorldRole) =>
    <T>(method: string, path: string, body: unknown, what: string): Promise<T> =>
      ok<T>(world.as(role)(method, path, body === undefined ? {} : { body }), what);
  const owner = call('owner');
  const member = call('member');
  const editor = call('editor');
  const tag = options.tag ?? 'main';

  const workgroup = await owner<Workgroup>('POST', '/workgroups', { name: 'Research', description: 'Models and evaluations' }, 'workgroup');
  await owner('POST', `/workgroups/${workgroup.id}/members`, { userId: world.actors.member.userId, role: 'member' }, 'workgroup member');
  const beta = await owner<Project>('POST', '/projects', { name: 'Beta', description: 'Evaluations', metadata: { team: 'eval' } }, 'beta');
  await owner('POST', `/workgroups/${workgroup.id}/projects`, { projectId: beta.id }, 'beta into research');
  await owner('POST', `/projects/${beta.id}/members`, { userId: world.actors.viewer.userId, role: 'viewer' }, 'viewer into beta');
  const bot = await owner<OrgMember>('POST', `/orgs/${world.orgId}/members`, { serviceAccount: { displayName: 'Build bot' }, role: 'member' }, 'bot');

  const publicModel = await owner<ModelEntry>(
    'POST',
    '/model-registry',
    { name: 'Shared model', provider, badges: ['verified'], visibility: { level: 'public' } },
    'public model',
  );
  const v1 = await owner<ModelVersion>(
    'POST',
    `/model-registry/${publicModel.id}/versions`,
    { version: '1.0.0', checksum: sha256Of(`${tag} v1`), trainingMetadata: { dataset: 'docs', epochs: 3 }, benchmarks: { mmlu: 0.61 } },
    'version 1',
  );
  const v2 = await owner<ModelVersion>(
    'POST',
    `/model-registry/${publicModel.id}/versions`,
    { version: '1.1.0', checksum: sha256Of(`${tag} v2`), parent: { modelId: publicModel.id, versionId: v1.id }, benchmarks: { mmlu: 0.64 } },
    'version 2',
  );
  await owner('PUT', `/model-registry/${publicModel.id}/current-version`, { versionId: v2.id }, 'roll forward');
  await owner('PUT', `/model-registry/${publicModel.id}/current-version`, { versionId: v1.id }, 'roll back');
  const workgroupModel = await member<ModelEntry>(
    'POST',
    '/model-registry',
    { name: 'Research model', provider, visibility: { level: 'workgroup', workgroupId: workgroup.id } },
    'workgroup model',
  );
  const privateModel = await member<ModelEntry>('POST', '/model-registry', { name: 'Private model', provider }, 'private model');
  const privateVersion = await member<ModelVersion>(
    'POST',
    `/model-registry/${privateModel.id}/versions`,
    { version: '0.1.0', checksum: sha256Of(`${tag} private`), parent: { modelId: publicModel.id, versionId: v2.id } },
    'private version',
  );

  const agents = (await owner<{ items: AgentEntry[] }>('GET', '/agent-registry', undefined, 'agents')).items;
  const defaultAgentId = agents.find((agent) => agent.isDefault)?.id ?? '';
  const publicAgent = await owner<AgentEntry>(
    'POST',
    '/agent-registry',
    {
      name: 'Reviewer',
      systemPrompt: 'Review the change.',
      tools: ['search'],
      examples: [{ input: 'Review this', output: 'Looks good' }],
      modelId: publicModel.id,
      visibility: { level: 'public' },
    },
    'public agent',
  );
  const fork = await editor<AgentEntry>('POST', `/agent-registry/${publicAgent.id}/fork`, { projectId: world.projectId, name: 'Alpha reviewer' }, 'fork');
  await owner(
    'PUT',
    `/agent-registry/${publicAgent.id}`,
    {
      name: publicAgent.name,
      description: 'Reviews changes carefully.',
      systemPrompt: 'Review the change, then summarise.',
      tools: publicAgent.tools,
      examples: publicAgent.examples,
      modelId: publicAgent.modelId,
      visibility: publicAgent.visibility,
      status: 'active',
    },
    'move the original on',
  );
  const retired = await editor<AgentEntry>(
    'POST',
    '/agent-registry',
    { name: 'Old helper', systemPrompt: 'Help.', visibility: { level: 'project', projectId: world.projectId } },
    'agent to retire',
  );
  await editor('POST', `/agent-registry/${retired.id}/retire`, undefined, 'retire');
  const privateAgent = await member<AgentEntry>('POST', '/agent-registry', { name: 'Private agent', systemPrompt: 'Mine.' }, 'private agent');

  const handbook = await editor<{ id: string }>(
    'POST',
    '/knowledge-bases',
    { name: 'Alpha handbook', owner: { kind: 'project', projectId: world.projectId } },
    'alpha knowledge base',
  );
  const setup = await editor<{ id: string }>(
    'POST',
    `/knowledge-bases/${handbook.id}/documents`,
    { path: 'guides/setup.md', content: '# Setup\n\nRun the installer, then sign in.' },
    'document',
  );
  await editor('POST', `/knowledge-bases/${handbook.id}/documents`, { path: 'notes.txt', content: 'Release on Fridays.' }, 'second document');
  const policies = await owner<{ id: string }>('POST', '/knowledge-bases', { name: 'Policies', owner: { kind: 'organization' } }, 'org knowledge base');
  await owner('POST', `/knowledge-bases/${policies.id}/documents`, { path: 'security.md', content: 'Rotate keys yearly.' }, 'org document');
  await owner(
    'POST',
    '/knowledge-bases',
    { name: 'Research notes', owner: { kind: 'workgroup', workgroupId: workgroup.id } },
    'workgroup knowledge base',
  );

  const conversations = `/projects/${world.projectId}/conversations`;
  const shared = await member<Conversation>('POST', conversations, { title: 'Standup', kind: 'shared' }, 'shared conversation');
  const personal = await member<Conversation>('POST', conversations, { title: 'Notes', kind: 'personal' }, 'personal conversation');
  const betaConversation = await owner<Conversation>('POST', `/projects/${beta.id}/conversations`, { title: 'Eval run' }, 'beta conversation');
  await editor(
    'PUT',
    `/projects/${world.projectId}/config`,
    {
      systemPromptOverride: 'Answer briefly.',
      modelLock: [publicModel.id],
      toolAllowlist: ['search'],
      knowledgeBaseIds: [handbook.id],
      defaultModelId: publicModel.id,
    },
    'alpha config',
  );

  const invite = (email: string, target: unknown) =>
    owner<Invitation>('POST', '/auth/invitations', { email: `${email}-${tag}@example.test`, target }, `invite ${email}`);
  const pendingOrg = await invite('pending', { kind: 'organization', role: 'member' });
  const pendingProject = await invite('guest', { kind: 'project', projectId: world.projectId, role: 'viewer' });
  const pendingWorkgroup = await invite('analyst', { kind: 'workgroup', workgroupId: workgroup.id, role: 'viewer' });
  const revoked = await invite('withdrawn', { kind: 'organization', role: 'member' });
  await owner('DELETE', `/auth/invitations/${revoked.id}`, undefined, 'revoke invitation');

  const apiKey = await owner<ApiKeyMinted>('POST', '/auth/api-keys', { name: 'CI' }, 'api key');
  const serviceKey = await owner<ApiKeyMinted>('POST', '/auth/api-keys', { name: 'Bot key', userId: bot.user.id }, 'service key');
  const revokedKey = await owner<ApiKeyMinted>('POST', '/auth/api-keys', { name: 'Old key' }, 'key to revoke');
  await owner('DELETE', `/auth/api-keys/${revokedKey.id}`, undefined, 'revoke key');

  const connection = await owner<{ id: string }>(
    'POST',
    '/connections',
    { name: 'Shared endpoint', baseUrl: 'https://llm.example.test/v1', apiKey: `sk-rich-${tag}` },
    'connection',
  );

  // A run the server answers in beta (its endpoint cannot be reached, so it ends failed).
  const served = await owner<{ id: string }>(
    'POST',
    '/model-registry',
    { name: 'Served model', provider: { connectionId: connection.id, model: 'served' }, visibility: { level: 'project', projectId: beta.id } },
    'served model',
  );
  const servedAgent = await owner<AgentEntry>(
    'POST',
    '/agent-registry',
    { name: 'Served agent', systemPrompt: 'Answer.', modelId: served.id, visibility: { level: 'project', projectId: beta.id } },
    'served agent',
  );
  const run = await owner<{ id: string }>('POST', `/conversations/${betaConversation.id}/runs`, { agentId: servedAgent.id }, 'run');
  // Ended before the world is used, so that snapshots of it stay still.
  for (let tries = 0; (await owner<{ items: unknown[] }>('GET', `/conversations/${betaConversation.id}/runs`, undefined, 'runs')).items.length > 0; tries += 1) {
    if (tries > 600) throw new Error('the served run did not end');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // A refused write, so the audit log holds denied events too.
  const denied = await world.client('viewer')('project.patch', { params: { id: world.projectId }, body: { description: 'not mine to change' } });
  if (denied.status !== 403) throw new Error(`viewer patch: expected 403, got ${denied.status}`);

  return {
    ...world,
    workgroupId: workgroup.id,
    betaProjectId: beta.id,
    serviceAccountId: bot.user.id,
    publicModelId: publicModel.id,
    publicVersionIds: [v1.id, v2.id],
    workgroupModelId: workgroupModel.id,
    privateModelId: privateModel.id,
    privateVersionId: privateVersion.id,
    defaultAgentId,
    publicAgentId: publicAgent.id,
    forkAgentId: fork.id,
    retiredAgentId: retired.id,
    privateAgentId: privateAgent.id,
    knowledgeBaseId: handbook.id,
    knowledgeDocumentId: setup.id,
    orgKnowledgeBaseId: policies.id,
    sharedConversationId: shared.id,
    personalConversationId: personal.id,
    connectionId: connection.id,
    servedConversationId: betaConversation.id,
    runId: run.id,
    pendingInvitationIds: [pendingOrg.id, pendingProject.id, pendingWorkgroup.id],
    revokedInvitationId: revoked.id,
    apiKey: { id: apiKey.id, secret: apiKey.secret },
    serviceApiKey: { id: serviceKey.id, secret: serviceKey.secret },
    revokedApiKey: { id: revokedKey.id, secret: revokedKey.secret },
  };
}

/** The ids the contract's examples refer to, from this world: alpha, research, the editor as the other member. */
export function exampleIdsOf(world: RichWorld): ExampleIds {
  return {
    organization: world.orgId,
    project: world.projectId,
    workgroup: world.workgroupId,
    user: world.actors.editor.userId,
    model: world.publicModelId,
    versions: world.publicVersionIds,
    agent: world.publicAgentId,
    'api-key': world.apiKey.id,
    invitation: world.pendingInvitationIds[0] ?? '',
    'knowledge-base': world.knowledgeBaseId,
    'knowledge-document': world.knowledgeDocumentId,
    connection: world.connectionId,
    conversation: world.servedConversationId,
    run: world.runId,
  };
}
