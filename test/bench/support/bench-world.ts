import type { ProjectRole } from '../../../shared/domain/roles';
import { documentName } from '../../../shared/sync/document-name';
import { inBatches } from './raw-client';

export interface BenchUser {
  readonly userId: string;
  readonly token: string;
  readonly role: ProjectRole;
}

/** One project with one shared conversation, writers who are members and subscribers who are viewers or members. */
export interface BenchWorld {
  readonly projectId: string;
  readonly conversationId: string;
  readonly docName: string;
  readonly writers: readonly BenchUser[];
  readonly subscribers: readonly BenchUser[];
}

const password = 'correct horse battery staple';

export async function rest<T>(baseUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Sign-up answers alike for every address, so the session comes from signing in afterwards. */
async function signUpAndIn(baseUrl: string, body: { email: string; displayName: string; organizationName?: string; invitationCode?: string }): Promise<Session> {
  await rest(baseUrl, 'POST', '/auth/signup', { ...body, password });
  return rest<Session>(baseUrl, 'POST', '/auth/login', { email: body.email, password });
}

interface Session {
  token: string;
  user: { id: string };
}

/**
 * Builds the world through the REST API, as people would: the owner signs up with a new
 * organization (enterprise plan, set on the server's command line), creates a project, invites
 * everyone into it with their role, and each invitee signs up with their invitation's code. The first writer starts the
 * conversation. Signups hash passwords, so they run a few at a time.
 */
export async function createBenchWorld(baseUrl: string, counts: { writers: number; subscribers: number }): Promise<BenchWorld> {
  const owner = await signUpAndIn(baseUrl, { email: 'owner@bench.test', displayName: 'Bench owner', organizationName: 'Bench' });
  const project = await rest<{ id: string }>(baseUrl, 'POST', '/projects', { name: 'Bench' }, owner.token);
  const people: { email: string; name: string; role: ProjectRole }[] = [
    ...Array.from({ length: counts.writers }, (_, i) => ({ email: `writer${i}@bench.test`, name: `Writer ${i}`, role: 'member' as const })),
    // Half viewers, half members: readers of both kinds receive the same broadcasts.
    ...Array.from({ length: counts.subscribers }, (_, i) => ({
      email: `reader${i}@bench.test`,
      name: `Reader ${i}`,
      role: i % 2 === 0 ? ('viewer' as const) : ('member' as const),
    })),
  ];
  const codes: string[] = [];
  for (const person of people) {
    const target = { kind: 'project', projectId: project.id, role: person.role };
    codes.push((await rest<{ code: string }>(baseUrl, 'POST', '/auth/invitations', { email: person.email, target }, owner.token)).code);
  }
  const users = await inBatches(people.length, 4, async (index) => {
    const person = people[index] as (typeof people)[number];
    const session = await signUpAndIn(baseUrl, { email: person.email, displayName: person.name, invitationCode: codes[index] ?? '' });
    return { userId: session.user.id, token: session.token, role: person.role };
  });
  const writers = users.slice(0, counts.writers);
  const first = writers[0];
  if (!first) throw new Error('a bench world needs a writer');
  const conversation = await rest<{ id: string }>(baseUrl, 'POST', `/projects/${project.id}/conversations`, { title: 'Bench', kind: 'shared' }, first.token);
  return {
    projectId: project.id,
    conversationId: conversation.id,
    docName: documentName('conversation', conversation.id),
    writers,
    subscribers: users.slice(counts.writers),
  };
}

/** The same shape for the reference server, which has no accounts: ids are well-formed but made up, tokens unused. */
export function referenceWorld(counts: { writers: number; subscribers: number }): BenchWorld {
  const fake = (prefix: string, i: number): BenchUser => ({ userId: `usr_${prefix}${String(i).padStart(16, '0')}`, token: '', role: 'member' });
  return {
    projectId: 'prj_benchbenchbenchbench',
    conversationId: 'cnv_benchbenchbenchbench',
    docName: documentName('conversation', 'cnv_benchbenchbenchbench'),
    writers: Array.from({ length: counts.writers }, (_, i) => fake('w', i)),
    subscribers: Array.from({ length: counts.subscribers }, (_, i) => fake('r', i)),
  };
}

/**
 * `count` more shared conversations in the world's project, started by its first writer, as
 * document names; for a server without accounts, well-formed names made up.
 */
export async function moreConversations(baseUrl: string | null, world: BenchWorld, count: number, tag: string): Promise<string[]> {
  if (baseUrl === null) return Array.from({ length: count }, (_, i) => documentName('conversation', `cnv_${tag}${String(i).padStart(20 - tag.length, '0')}`));
  const writer = world.writers[0];
  if (!writer) throw new Error('a bench world needs a writer');
  return inBatches(count, 4, async (i) => {
    const created = await rest<{ id: string }>(baseUrl, 'POST', `/projects/${world.projectId}/conversations`, { title: `${tag} ${i}`, kind: 'shared' }, writer.token);
    return documentName('conversation', created.id);
  });
}
