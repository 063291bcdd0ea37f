import type { KeyScope } from '../domain/key-scope';
import type { EndpointKey } from '../rest/api-contract';
import type { Decision } from './decision';
import { allow, deny } from './decision';

/**
 * The key scope each endpoint needs, beside the endpoint → action table: reads need `read`;
 * conversations, knowledge, registry entries and project settings need `write`; workgroups,
 * projects, members, invitations, keys, connections, organizations and the plan need `admin`. `none` marks the
 * endpoints that act on the session itself or need no credential. Every endpoint of the contract
 * has a row, so a new one cannot be reachable by every key by omission.
 */
export const endpointScopes: Readonly<Record<EndpointKey, KeyScope | 'none'>> = {
  'auth.signup': 'none',
  'auth.login': 'none',
  'auth.logout': 'none',
  'auth.reauthenticate': 'none',
  'auth.whoami': 'read',
  'auth.access': 'read',
  'auth.organizations': 'read',
  'auth.switch-organization': 'none',
  'api-key.list': 'read',
  'api-key.create': 'admin',
  'api-key.revoke': 'admin',
  'invitation.list': 'read',
  'invitation.create': 'admin',
  'invitation.accept': 'admin',
  'invitation.revoke': 'admin',

  'org.create': 'admin',
  'org.read': 'read',
  'org.update': 'admin',
  'org.member.list': 'read',
  'org.member.upsert': 'admin',
  'org.member.update-role': 'admin',
  'org.member.remove': 'admin',

  'workgroup.list': 'read',
  'workgroup.create': 'admin',
  'workgroup.read': 'read',
  'workgroup.update': 'admin',
  'workgroup.delete': 'admin',
  'workgroup.project.list': 'read',
  'workgroup.project.add': 'admin',
  'workgroup.project.remove': 'admin',
  'workgroup.member.list': 'read',
  'workgroup.member.upsert': 'admin',
  'workgroup.member.update-role': 'admin',
  'workgroup.member.remove': 'admin',

  'project.list': 'read',
  'project.create': 'admin',
  'project.read': 'read',
  'project.update': 'admin',
  'project.patch': 'admin',
  'project.delete': 'admin',
  'project.member.list': 'read',
  'project.member.add': 'admin',
  'project.member.update': 'admin',
  'project.member.remove': 'admin',
  'project.ownership.transfer': 'admin',
  'project.config.read': 'read',
  'project.config.update': 'write',
  'conversation.list': 'read',
  'conversation.create': 'write',
  'project.search': 'read',
  'project.export': 'read',

  'connection.list': 'read',
  // A connection holds a provider's secret for the whole organization: as high as keys themselves.
  'connection.create': 'admin',
  'connection.update': 'admin',
  'connection.delete': 'admin',
  // Posting into a conversation and asking an agent are content, like writing in the app.
  'conversation.message.create': 'write',
  'run.create': 'write',
  'run.list': 'read',
  'run.cancel': 'write',

  'model.list': 'read',
  'model.create': 'write',
  'model.get': 'read',
  'model.update': 'write',
  'model.delete': 'write',
  'model.visibility.update': 'write',
  'model.version.list': 'read',
  'model.version.create': 'write',
  'model.version.set-current': 'write',
  'model.version.compare': 'read',
  'model.lineage': 'read',

  'agent.list': 'read',
  'agent.create': 'write',
  'agent.get': 'read',
  'agent.update': 'write',
  'agent.delete': 'write',
  'agent.visibility.update': 'write',
  'agent.retire': 'write',
  'agent.fork': 'write',
  'agent.stats': 'read',
  'agent.ranking': 'read',

  'org.audit.read': 'read',
  'org.audit.export': 'read',
  'org.audit.verify': 'read',
  'project.audit.read': 'read',
  'project.audit.export': 'read',

  'knowledge-base.list': 'read',
  'knowledge-base.create': 'write',
  'knowledge-base.read': 'read',
  'knowledge-base.update': 'write',
  'knowledge-base.delete': 'write',
  'knowledge-document.list': 'read',
  'knowledge-document.create': 'write',
  'knowledge-document.read': 'read',
  'knowledge-document.update': 'write',
  'knowledge-document.delete': 'write',
  'knowledge.search': 'read',

  'change.list': 'read',
  'openapi.read': 'none',
  'server.status': 'none',
};

/** Whether a key with `scopes` may call `endpoint`; sessions are not limited by scope. */
export function decideKeyScope(endpoint: EndpointKey, scopes: readonly KeyScope[]): Decision {
  const needed = endpointScopes[endpoint];
  if (needed === 'none' || scopes.includes(needed)) return allow;
  return deny('forbidden', `This API key lacks the ${needed} scope that ${endpoint} needs; its scopes are ${scopes.join(', ')}`);
}

/**
 * Destructive structural changes a session may make only soon after its holder entered their
 * password (`POST /auth/reauthenticate`): `always`, or only when the request changes the plan,
 * which the organization's handler decides against the stored plan. API keys are not sessions and
 * are limited by their `admin` scope instead.
 */
export const recentSignInEndpoints: Readonly<Partial<Record<EndpointKey, 'always' | 'when the plan changes'>>> = {
  'workgroup.delete': 'always',
  'project.delete': 'always',
  'project.ownership.transfer': 'always',
  'org.update': 'when the plan changes',
};

/** How recent a password entry must be for the endpoints above. */
export const recentSignInWindowMs = 10 * 60_000;

/** Whether a session whose password was last entered at `signedInAt` is recent enough at `now`. */
export function isRecentSignIn(signedInAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(signedInAt) <= recentSignInWindowMs;
}

/**
 * The sync socket's share of the same rule: reading a document needs `read`; writing needs
 * `write`, except a workgroup's settings document, which is structure and needs `admin` as
 * `workgroup.update` does.
 */
export function decideDocumentScope(documentKind: 'project' | 'conversation' | 'workgroup', access: 'read' | 'write', scopes: readonly KeyScope[]): Decision {
  const needed: KeyScope = access === 'read' ? 'read' : documentKind === 'workgroup' ? 'admin' : 'write';
  if (scopes.includes(needed)) return allow;
  return deny('forbidden', `This API key lacks the ${needed} scope that ${access === 'read' ? 'reading' : 'writing'} this document needs; its scopes are ${scopes.join(', ')}`);
}
