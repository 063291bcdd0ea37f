import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeEntry } from '../../../../shared/policy/visibility';
import type { RegistryEntryRef } from '../../../../shared/policy/visibility';
import { decideEndpoint } from '../../../../shared/policy/decide-endpoint';
import type { PolicyFacts } from '../../../../shared/policy/decide-endpoint';
import { endpointPolicy } from '../../../../shared/policy/endpoint-policy';
import { apiContract } from '../../../../shared/rest/api-contract';
import type { EndpointKey } from '../../../../shared/rest/api-contract';
import type { Endpoint } from '../../../../shared/rest/endpoint';
import type { EndpointCheck, EndpointRequest } from '../../../../shared/rest/endpoint-access';
import { enforceEndpointAccess } from '../../../../sync-server/access/endpoint-access';
import { loadViewerContext } from '../../../../sync-server/access/viewer-context';
import { passToken } from '../../../../sync-server/auth/credential-gate';
import { ApiError } from '../../../../sync-server/http/api-error';
import type { Principal } from '../../../../sync-server/http/principal';
import { agentRef, getAgentRow } from '../../../../sync-server/registry/agent-store';
import { getModelRow, modelRef } from '../../../../sync-server/registry/model-rows';
import { endpointNames, endpointOf, examples, pathParameters, randomId } from '../support/contract-examples';
import type { EndpointName, ExampleIds } from '../support/contract-examples';
import { ok } from '../support/project-fixtures';
import { startTestServer } from '../support/test-server';
import type { TestServer } from '../support/test-server';
import { createWorld, worldRoles } from '../support/world';
import type { World } from '../support/world';

/**
 * The endpoint → action table the client reads and the checks the server enforces where it
 * registers endpoints are one declaration (`access` in the REST contract). This sweep asks both
 * sides the same questions, for every endpoint that declares checks, every role of the world and
 * requests aimed at every kind of scope, against one real database: where the client refuses, the
 * server refuses with the same code and sentence; where the client lets a request go, the server
 * allows it too, unless the subject is one the caller cannot see (which only the server can tell).
 */
let server: TestServer;
let world: World;
let ids: ExampleIds;

beforeAll(async () => {
  server = await startTestServer();
  world = await createWorld(server);
  const owner = world.as('owner');
  const member = world.as('member');
  const workgroup = await ok<{ id: string }>(
    owner('POST', '/workgroups', {
      body: { name: 'Research', description: '', settings: { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] } },
    }),
    'workgroup',
  );
  await ok(owner('POST', `/workgroups/${workgroup.id}/projects`, { body: { projectId: world.projectId } }), 'alpha into the workgroup');
  await ok(owner('POST', `/workgroups/${workgroup.id}/members`, { body: { userId: world.actors.editor.userId, role: 'editor' } }), 'workgroup editor');
  await ok(owner('POST', `/workgroups/${workgroup.id}/members`, { body: { userId: world.actors.outsider.userId, role: 'viewer' } }), 'workgroup viewer');
  const provider = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' };
  const model = await ok<{ id: string }>(
    member('POST', '/model-registry', { body: { name: 'Tuned', description: '', provider, badges: [], visibility: { level: 'project', projectId: world.projectId } } }),
    'model',
  );
  const agent = await ok<{ id: string }>(
    owner('POST', '/agent-registry', {
      body: { name: 'Helper', description: '', systemPrompt: 'Be brief.', tools: [], examples: [], modelId: null, projectId: null, visibility: { level: 'public' } },
    }),
    'agent',
  );
  const conversation = await ok<{ id: string }>(owner('POST', `/projects/${world.projectId}/conversations`, { body: { title: 'Planning', kind: 'shared' } }), 'conversation');
  ids = {
    organization: world.orgId,
    project: world.projectId,
    workgroup: workgroup.id,
    user: world.actors.viewer.userId,
    model: model.id,
    versions: [randomId('model-version'), randomId('model-version')],
    agent: agent.id,
    'api-key': randomId('api-key'),
    invitation: randomId('invitation'),
    'knowledge-base': randomId('knowledge-base'),
    'knowledge-document': randomId('knowledge-document'),
    connection: randomId('connection'),
    conversation: conversation.id,
    run: randomId('run'),
  };
});

afterAll(async () => {
  await server.dispose();
});

interface SweptRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Requests to one endpoint: the well-formed example, and the same aimed at each kind of scope. */
function requestsFor(name: EndpointName): SweptRequest[] {
  const params: Record<string, string> = {};
  for (const [parameter, kind] of pathParameters(endpointOf(name))) {
    const id: unknown = Object.entries(ids).find(([key]) => key === kind)?.[1];
    params[parameter] = typeof id === 'string' ? id : randomId(kind);
  }
  const body = examples[name]?.(ids).body;
  const visibilities = [
    { level: 'private' },
    { level: 'project', projectId: ids.project },
    { level: 'workgroup', workgroupId: ids.workgroup },
    { level: 'public' },
  ];
  const variants: unknown[] = [body];
  if (name.endsWith('.visibility.update')) variants.push(...visibilities);
  if (name === 'model.create' || name === 'agent.create') variants.push(...visibilities.map((visibility) => ({ ...body, visibility })));
  if (name === 'agent.create') variants.push({ ...body, projectId: ids.project });
  if (name === 'invitation.create') {
    for (const target of [
      { kind: 'organization', role: 'member' },
      { kind: 'workgroup', workgroupId: ids.workgroup, role: 'viewer' },
      { kind: 'project', projectId: ids.project, role: 'viewer' },
    ]) {
      variants.push({ email: 'invitee@example.test', target });
    }
  }
  if (name === 'knowledge-base.create') {
    for (const owner of [{ kind: 'organization' }, { kind: 'workgroup', workgroupId: ids.workgroup }, { kind: 'project', projectId: ids.project }]) {
      variants.push({ name: 'Runbook', description: '', owner });
    }
  }
  if (name.endsWith('.remove')) variants.push(undefined);
  const requests: SweptRequest[] = variants.map((variant) => ({ params, body: variant }));
  // Removing someone is leaving when it names the caller; the self rule is swept with every caller.
  if ('uid' in params) requests.push({ params: { ...params, uid: '' }, body });
  return requests;
}

function principalOf(role: (typeof worldRoles)[number]): Principal {
  const gate = passToken(server.server.services, world.actors[role].token, '127.0.0.1');
  if (!('principal' in gate)) throw new Error(`${role} has no session`);
  return gate.principal;
}

/** What a replica of `principal` holds: their roles, and the registry entries they can see. */
function clientFacts(principal: Principal): PolicyFacts {
  const { db } = server.server.services;
  const viewer = loadViewerContext(db, principal);
  return {
    viewer,
    entry(kind, id): RegistryEntryRef | undefined {
      const modelRow = kind === 'model' ? getModelRow(db, principal.orgId, id) : undefined;
      const agentRow = kind === 'agent' ? getAgentRow(db, principal.orgId, id) : undefined;
      const ref = modelRow ? modelRef(modelRow) : agentRow ? agentRef(agentRow) : undefined;
      return ref !== undefined && canSeeEntry(viewer, ref) ? ref : undefined;
    },
  };
}

function accessOf(name: EndpointKey): readonly EndpointCheck[] | undefined {
  const endpoint: Endpoint = apiContract[name];
  return endpoint.access;
}

function serverAnswer(principal: Principal, name: EndpointKey, request: EndpointRequest): string {
  const checks = accessOf(name) ?? [];
  try {
    enforceEndpointAccess(server.server.services, principal, checks, request);
    return 'allowed';
  } catch (error) {
    if (error instanceof ApiError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('the access each endpoint declares', () => {
  it('is the client table itself, row for row', () => {
    for (const name of endpointNames) expect(endpointPolicy[name]).toBe(accessOf(name));
    expect(Object.keys(endpointPolicy).length).toBeGreaterThan(50);
  });

  it('is decided alike by the client and by the server, for every role and scope', () => {
    const differences: string[] = [];
    const seen = { bothAllowed: 0, bothRefused: 0, hiddenFromClient: 0 };
    for (const role of worldRoles) {
      const principal = principalOf(role);
      const facts = clientFacts(principal);
      for (const name of endpointNames) {
        if (accessOf(name) === undefined) continue;
        for (const template of requestsFor(name)) {
          const request = template.params['uid'] === '' ? { ...template, params: { ...template.params, uid: principal.userId } } : template;
          const decision = decideEndpoint(name, request, facts);
          const client = decision.allowed ? 'allowed' : `${decision.code}: ${decision.reason}`;
          const answer = serverAnswer(principal, name, request);
          if (client === answer) seen[client === 'allowed' ? 'bothAllowed' : 'bothRefused'] += 1;
          else if (client === 'allowed' && answer.startsWith('not_found:')) seen.hiddenFromClient += 1;
          else differences.push(`${role} ${name} ${JSON.stringify(request)}: client ${client}, server ${answer}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // The sweep is not vacuous: both sides allow, refuse, and the server alone hides, many times.
    expect(seen.bothAllowed).toBeGreaterThan(100);
    expect(seen.bothRefused).toBeGreaterThan(100);
    expect(seen.hiddenFromClient).toBeGreaterThan(20);
  });
});
