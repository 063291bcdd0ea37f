import type { AuthSession } from '../../../../shared/rest/auth-endpoints';
import type { ProjectRole } from '../../../../shared/domain/roles';
import type { ApiResponse, RequestOptions, TestServer } from './test-server';
import { typedClient } from './typed-client';
import type { TypedCall } from './typed-client';

export interface Actor {
  readonly name: string;
  readonly email: string;
  readonly userId: string;
  readonly token: string;
}

/**
 * One organization with a person in every role, and a stranger in another organization:
 * - owner: org owner (so owner of every project); admin: org admin;
 * - editor, member, viewer: org members with that direct role on project `alpha`;
 * - outsider: org member with no role on `alpha`;
 * - stranger: owner of another organization, with a project of their own.
 * Everyone joins through real invitations and sign-ups.
 */
export interface World {
  readonly server: TestServer;
  readonly orgId: string;
  readonly defaultProjectId: string;
  readonly projectId: string;
  readonly strangerOrgId: string;
  readonly strangerProjectId: string;
  readonly actors: Readonly<Record<WorldRole, Actor>>;
  /** Raw calls by method and path, for what the contract cannot express (malformed input, unknown paths). */
  as(actor: Actor | WorldRole): (method: string, path: string, options?: Omit<RequestOptions, 'token'>) => Promise<ApiResponse<unknown>>;
  /** Calls by contract key, typed from the REST contract. */
  client(actor: Actor | WorldRole): TypedCall;
}

export const worldRoles = ['owner', 'admin', 'editor', 'member', 'viewer', 'outsider', 'stranger'] as const;
export type WorldRole = (typeof worldRoles)[number];

export const password = 'correct horse battery staple';

/**
 * Signs `name@example.test` up, as a person does: sign-up answers the same whether or not the
 * email was free, then signing in gives the session. `invitationCode` accepts an invitation sent
 * to that email as the account is created.
 */
export async function signup(
  server: TestServer,
  name: string,
  organizationName?: string,
  invitationCode?: string,
): Promise<{ actor: Actor; session: AuthSession }> {
  const email = `${name}@example.test`;
  const res = await server.request('POST', '/auth/signup', {
    body: { email, password, displayName: name, ...(organizationName ? { organizationName } : {}), ...(invitationCode ? { invitationCode } : {}) },
  });
  if (res.status !== 202) throw new Error(`signup ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  const login = await server.request<AuthSession>('POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login ${name}: ${login.status} ${JSON.stringify(login.body)}`);
  return { actor: { name, email, userId: login.body.user.id, token: login.body.token }, session: login.body };
}

/** Invites `name@example.test` with `target` by `inviterToken` and answers the invitation's one-time code. */
export async function invite(server: TestServer, inviterToken: string, name: string, target: unknown): Promise<string> {
  const res = await server.request<{ code: string }>('POST', '/auth/invitations', { token: inviterToken, body: { email: `${name}@example.test`, target } });
  if (res.status !== 201) throw new Error(`invite ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.code;
}

/** Invites `name` as `inviterToken` would and signs them up with the invitation's code. */
export async function inviteAndJoin(server: TestServer, inviterToken: string, name: string, target: unknown): Promise<{ actor: Actor; session: AuthSession }> {
  return signup(server, name, undefined, await invite(server, inviterToken, name, target));
}

export interface WorldOptions {
  /**
   * Added to every person's name (so to their email) and to the organizations' names, so that
   * several worlds can live on one server: `owner-b@example.test` in `Acme b`.
   */
  readonly tag?: string;
}

export async function createWorld(server: TestServer, options: WorldOptions = {}): Promise<World> {
  const tagged = (name: string) => (options.tag === undefined ? name : `${name}-${options.tag}`);
  const orgName = (name: string) => (options.tag === undefined ? name : `${name} ${options.tag}`);
  const { actor: owner, session } = await signup(server, tagged('owner'), orgName('Acme'));
  const orgId = session.organization.id;
  const asOwner = typedClient(server, owner.token);

  const projects = (await asOwner('project.list', {})).data;
  const defaultProjectId = projects.items.find((p) => p.isDefault)?.id ?? '';
  const alpha = (await asOwner('project.create', { body: { name: 'Alpha' } })).data;

  const targets: [string, unknown][] = [
    ['admin', { kind: 'organization', role: 'admin' }],
    ...(['editor', 'member', 'viewer'] as const satisfies readonly ProjectRole[]).map((role): [string, unknown] => [role, { kind: 'project', projectId: alpha.id, role }]),
    ['outsider', { kind: 'organization', role: 'member' }],
  ];
  const joined: Record<string, Actor> = { owner };
  for (const [name, target] of targets) joined[name] = (await inviteAndJoin(server, owner.token, tagged(name), target)).actor;
  const stranger = await signup(server, tagged('stranger'), orgName('Globex'));
  const strangerProjects = (await typedClient(server, stranger.actor.token)('project.create', { body: { name: 'Secret' } })).data;

  const actors = { ...joined, stranger: stranger.actor } as Record<WorldRole, Actor>;
  return {
    server,
    orgId,
    defaultProjectId,
    projectId: alpha.id,
    strangerOrgId: stranger.session.organization.id,
    strangerProjectId: strangerProjects.id,
    actors,
    as(who) {
      const actor = typeof who === 'string' ? actors[who] : who;
      return (method, path, options = {}) => server.request(method, path, { ...options, token: actor.token });
    },
    client(who) {
      return typedClient(server, (typeof who === 'string' ? actors[who] : who).token);
    },
  };
}
