import type { EndpointKey } from '../../shared/rest/api-contract';
import type { RestRequest } from '../directory/prepare-request';
import { endpointOf } from '../directory/prepare-request';

/** What the app knows about names, so a queued change reads "in project “Alpha”" rather than an id. */
export type NameOf = (kind: 'project' | 'workgroup' | 'user' | 'model' | 'agent', id: string) => string | undefined;

function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found: unknown = Reflect.get(value, key);
  return typeof found === 'string' ? found : undefined;
}

const scopeKinds: Partial<Record<string, 'project' | 'workgroup' | 'model' | 'agent'>> = {
  project: 'project',
  conversation: 'project',
  workgroup: 'workgroup',
  model: 'model',
  agent: 'agent',
};

const scopeWords = { project: 'project', workgroup: 'workgroup', model: 'model', agent: 'agent' } as const;

/**
 * A queued change in words, for the list of pending and rejected changes: the endpoint's own
 * summary up to its first clause, what it names, and where. "Create a project “Beta”", "Add a
 * member of the organization with a role: Ann as editor, in project “Alpha”".
 */
export function describeChange(endpoint: EndpointKey, request: RestRequest, nameOf: NameOf): string {
  const summary = endpointOf(endpoint).summary.split(/[;:]/)[0]?.trim() ?? endpoint;
  const name = field(request.body, 'name');
  const head = name === undefined ? summary : `${summary} “${name}”`;
  const parts: string[] = [];

  const userId = field(request.body, 'userId') ?? request.params?.['uid'];
  const role = field(request.body, 'role');
  if (userId !== undefined) {
    const who = nameOf('user', userId) ?? userId;
    parts.push(role === undefined ? who : `${who} as ${role}`);
  } else if (role !== undefined) {
    parts.push(`as ${role}`);
  }

  const kind = scopeKinds[endpoint.split('.')[0] ?? ''];
  const scopeId = request.params?.['id'];
  if (kind !== undefined && scopeId !== undefined) {
    const scopeName = nameOf(kind, scopeId);
    parts.push(`in ${scopeWords[kind]} ${scopeName === undefined ? scopeId : `“${scopeName}”`}`);
  }
  return parts.length === 0 ? head : `${head}: ${parts.join(', ')}`;
}
