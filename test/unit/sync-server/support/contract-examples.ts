import type { EntityKind } from '../../../../shared/domain/ids';
import { idPrefixes } from '../../../../shared/domain/ids';
import { apiContract } from '../../../../shared/rest/api-contract';
import type { Endpoint } from '../../../../shared/rest/endpoint';
import { newEntityId } from '../../../../shared/domain/new-entity-id';
import { sha256Of } from './rich-world';
import { password } from './world';

export type EndpointName = keyof typeof apiContract & string;

export const endpointNames = Object.keys(apiContract) as EndpointName[];

export function endpointOf(name: EndpointName): Endpoint {
  return apiContract[name];
}

/** The kind of id each collection of the API is addressed by in its paths. */
const collectionKinds: Readonly<Record<string, EntityKind>> = {
  'api-keys': 'api-key',
  invitations: 'invitation',
  orgs: 'organization',
  workgroups: 'workgroup',
  projects: 'project',
  'model-registry': 'model',
  'agent-registry': 'agent',
  'knowledge-bases': 'knowledge-base',
  connections: 'connection',
  conversations: 'conversation',
};

/** A nested parameter names its kind itself. */
const parameterKinds: Readonly<Record<string, EntityKind>> = { uid: 'user', pid: 'project', docId: 'knowledge-document', runId: 'run' };

/**
 * The path parameters of an endpoint with the kind of id each one takes, in path order:
 * `/projects/:id/members/:uid` gives `[['id', 'project'], ['uid', 'user']]`. An unknown collection
 * throws, so a new one is noticed instead of being probed with the wrong kind of id.
 */
export function pathParameters(endpoint: Endpoint): [string, EntityKind][] {
  const segments = endpoint.path.split('/').filter((segment) => segment !== '');
  const parameters: [string, EntityKind][] = [];
  segments.forEach((segment, index) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const kind = parameterKinds[name] ?? collectionKinds[segments[index - 1] ?? ''];
    if (kind === undefined) throw new Error(`no id kind known for :${name} in ${endpoint.path}`);
    parameters.push([name, kind]);
  });
  return parameters;
}

/** The path with its parameters replaced, each value URL-encoded. */
export function fillPath(endpoint: Endpoint, values: Readonly<Record<string, string>>): string {
  return endpoint.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${endpoint.path}`);
    return encodeURIComponent(value);
  });
}

/** A well-formed id of `kind` that names nothing. */
export function randomId(kind: EntityKind): string {
  return newEntityId(idPrefixes[kind]);
}

/** Ids of one organization, one per kind, that examples refer to. */
export interface ExampleIds {
  readonly organization: string;
  /** A project the caller owns. */
  readonly project: string;
  readonly workgroup: string;
  /** An organization member who is not the caller. */
  readonly user: string;
  readonly model: string;
  /** Two versions of `model`. */
  readonly versions: readonly [string, string];
  readonly agent: string;
  readonly 'api-key': string;
  readonly invitation: string;
  readonly 'knowledge-base': string;
  /** A document of `knowledge-base`. */
  readonly 'knowledge-document': string;
  readonly connection: string;
  /** A shared conversation of `project`. */
  readonly conversation: string;
  /** A run of `conversation`'s, where there is one; any run id otherwise. */
  readonly run: string;
}

export const pathKinds = [
  'organization',
  'project',
  'workgroup',
  'user',
  'model',
  'agent',
  'api-key',
  'invitation',
  'knowledge-base',
  'knowledge-document',
  'connection',
  'conversation',
  'run',
] as const satisfies readonly EntityKind[];
export type PathKind = (typeof pathKinds)[number];

export function isPathKind(kind: EntityKind): kind is PathKind {
  return (pathKinds as readonly EntityKind[]).includes(kind);
}

/** Every path parameter of the endpoint filled from `ids`. */
export function examplePath(name: EndpointName, ids: ExampleIds, overrides: Readonly<Record<string, string>> = {}): string {
  const endpoint = endpointOf(name);
  const values: Record<string, string> = {};
  for (const [parameter, kind] of pathParameters(endpoint)) {
    if (!isPathKind(kind)) throw new Error(`no example id of kind ${kind}`);
    values[parameter] = overrides[parameter] ?? ids[kind];
  }
  return fillPath(endpoint, values);
}

export interface Example {
  readonly body?: Record<string, unknown>;
  readonly query?: Readonly<Record<string, string>>;
}

const emptySettings = { modelPool: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [], agentIds: [] };
const provider = { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b' };

/**
 * A valid body and the required query of every endpoint that takes them, naming the ids given:
 * what a well-behaved client would send. Bad-input cases are variations of these, so each one is
 * wrong in exactly one way. Endpoints without an entry take neither.
 */
export const examples: Partial<Record<EndpointName, (ids: ExampleIds) => Example>> = {
  'auth.signup': () => ({ body: { email: 'someone@example.test', password, displayName: 'Someone' } }),
  'auth.login': () => ({ body: { email: 'someone@example.test', password } }),
  'api-key.create': () => ({ body: { name: 'Deploy key', scopes: ['read'] } }),
  'auth.reauthenticate': () => ({ body: { password: 'correct horse battery staple' } }),
  'auth.switch-organization': (ids) => ({ body: { orgId: ids.organization } }),
  'org.create': () => ({ body: { name: 'Second organization' } }),
  // A code of the right shape that no invitation has.
  'invitation.accept': () => ({ body: { code: `qi_${'Q'.repeat(43)}` } }),
  'invitation.create': (ids) => ({ body: { email: 'invitee@example.test', target: { kind: 'project', projectId: ids.project, role: 'viewer' } } }),
  'org.update': () => ({ body: { name: 'Acme', slug: 'acme', plan: 'enterprise' } }),
  'connection.create': () => ({ body: { name: 'Shared endpoint 2', baseUrl: 'https://llm.example.test/v1', apiKey: 'sk-example', defaultParams: { temperature: 0.3 } } }),
  'connection.update': () => ({ body: { name: 'Renamed endpoint', apiKey: null } }),
  'conversation.message.create': (ids) => ({ body: { content: 'Posted by an integration', agentId: ids.agent } }),
  'run.create': (ids) => ({ body: { agentId: ids.agent } }),
  'org.member.upsert': (ids) => ({ body: { userId: ids.user, role: 'member' } }),
  'org.member.update-role': () => ({ body: { role: 'member' } }),
  'workgroup.create': () => ({ body: { name: 'Platform', description: 'Shared tooling', settings: emptySettings } }),
  'workgroup.update': () => ({ body: { name: 'Platform', description: 'Shared tooling', settings: emptySettings } }),
  'workgroup.project.add': (ids) => ({ body: { projectId: ids.project } }),
  'workgroup.member.upsert': (ids) => ({ body: { userId: ids.user, role: 'viewer' } }),
  'workgroup.member.update-role': () => ({ body: { role: 'viewer' } }),
  'project.create': () => ({ body: { name: 'Gamma', description: 'Third', metadata: { team: 'core' } } }),
  'project.update': (ids) => ({
    body: {
      name: 'Gamma',
      canonicalName: 'gamma',
      description: 'Third',
      metadata: { team: 'core' },
      defaultModelId: null,
      primaryWorkgroupId: ids.workgroup,
      sharedWorkgroupIds: [],
    },
  }),
  'project.patch': () => ({ body: { description: 'Patched', metadata: { team: 'core' } } }),
  'project.member.add': (ids) => ({ body: { userId: ids.user, role: 'viewer' } }),
  'project.member.update': () => ({ body: { role: 'viewer' } }),
  'project.ownership.transfer': (ids) => ({ body: { userId: ids.user, demoteSelfTo: 'editor' } }),
  'project.config.update': (ids) => ({
    body: { systemPromptOverride: 'Be brief.', modelLock: [ids.model], toolAllowlist: ['search'], knowledgeBaseIds: [], defaultModelId: ids.model },
  }),
  'conversation.create': () => ({ body: { title: 'Planning', kind: 'shared' } }),
  'project.search': () => ({ query: { q: 'alpha', limit: '10' } }),
  'model.create': () => ({ body: { name: 'Tuned model', description: '', provider, badges: ['experimental'], visibility: { level: 'private' } } }),
  'model.update': () => ({ body: { name: 'Tuned model', description: 'Updated', provider, badges: [] } }),
  'model.visibility.update': () => ({ body: { level: 'public' } }),
  'model.version.create': (ids) => ({
    body: {
      version: '9.0.0',
      checksum: sha256Of('example'),
      trainingMetadata: { epochs: 2 },
      parent: { modelId: ids.model, versionId: ids.versions[0] },
      benchmarks: { mmlu: 0.5 },
    },
  }),
  'model.version.set-current': (ids) => ({ body: { versionId: ids.versions[1] } }),
  'model.version.compare': (ids) => ({ query: { a: ids.versions[0], b: ids.versions[1] } }),
  'model.lineage': (ids) => ({ query: { versionId: ids.versions[1] } }),
  'agent.create': (ids) => ({
    body: {
      name: 'Helper',
      description: '',
      systemPrompt: 'Help.',
      tools: ['search'],
      examples: [{ input: 'Hi', output: 'Hello' }],
      modelId: null,
      visibility: { level: 'project', projectId: ids.project },
      projectId: null,
    },
  }),
  'agent.update': () => ({
    body: {
      name: 'Helper',
      description: '',
      systemPrompt: 'Help more.',
      tools: [],
      examples: [],
      modelId: null,
      visibility: { level: 'public' },
      status: 'active',
    },
  }),
  'agent.visibility.update': () => ({ body: { level: 'public' } }),
  'agent.fork': (ids) => ({ body: { projectId: ids.project, name: 'My fork' } }),
  'agent.list': (ids) => ({ query: { projectId: ids.project, status: 'active' } }),
  'model.list': () => ({ query: { visibility: 'public', badge: 'verified' } }),
  'api-key.list': () => ({ query: { scope: 'organization' } }),
  'org.audit.read': () => ({ query: { limit: '5', outcome: 'allowed' } }),
  'org.audit.export': () => ({ query: { outcome: 'allowed' } }),
  'project.audit.read': () => ({ query: { limit: '5' } }),
  'project.audit.export': () => ({ query: { outcome: 'denied' } }),
  'change.list': () => ({ query: { since: '0', limit: '50' } }),
  'knowledge-base.create': (ids) => ({ body: { name: 'Runbook', description: 'How we operate', owner: { kind: 'project', projectId: ids.project } } }),
  'knowledge-base.update': () => ({ body: { name: 'Runbook', description: 'How we operate, revised' } }),
  'knowledge-document.create': () => ({ body: { path: 'guides/deploy.md', content: '# Deploy\n\nRun the pipeline.' } }),
  'knowledge-document.update': () => ({ body: { path: 'guides/deploy.md', content: '# Deploy\n\nRun the pipeline twice.' } }),
  'knowledge.search': () => ({ query: { q: 'installer', limit: '5' } }),
};

export function exampleOf(name: EndpointName, ids: ExampleIds): Example {
  return examples[name]?.(ids) ?? {};
}

export function withQuery(path: string, query: Readonly<Record<string, string>> | undefined): string {
  if (query === undefined || Object.keys(query).length === 0) return path;
  return `${path}?${new URLSearchParams(query).toString()}`;
}
