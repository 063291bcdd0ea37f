import * as Y from 'yjs';
import type { ProjectAction } from '../../../shared/policy/actions';
import { decide } from '../../../shared/policy/decide';
import type { GuardContext } from '../../../shared/sync/update-guard';
import { userMessage } from './messages';

/** A conversation as the server holds it: who wrote it, and which Yjs client id writes for whom. */
export interface BuiltConversation {
  readonly doc: Y.Doc;
  readonly users: readonly string[];
  /** Client id → user, as the server binds them. */
  readonly owners: Map<number, string>;
  /** The client id each user wrote under. */
  readonly clientOf: ReadonlyMap<string, number>;
}

const words = 'the model answered with a short plan and then a longer explanation of each step so that everyone could follow it'.split(' ');

/** Deterministic text of varied length (a few words to a few sentences), so runs are comparable. */
function sentence(seed: number): string {
  const length = 3 + ((seed * 7919) % 17);
  return Array.from({ length }, (_, i) => words[(seed + i * 31) % words.length]).join(' ');
}

/**
 * Builds a conversation of `count` messages written in turn by `userCount` users, each under its
 * own Yjs client id and in its own transaction, as they would arrive from separate replicas.
 */
export function buildConversation(count: number, userCount = 8): BuiltConversation {
  const doc = new Y.Doc({ gc: true });
  const users = Array.from({ length: userCount }, (_, i) => `usr_bench${String(i).padStart(12, '0')}`);
  const clientOf = new Map(users.map((user, i) => [user, 1000 + i]));
  const owners = new Map(users.map((user, i) => [1000 + i, user]));
  const messages = doc.getArray<Y.Map<unknown>>('messages');
  const createdAt = '2026-01-01T00:00:00.000Z';
  for (let i = 0; i < count; i++) {
    const user = users[i % userCount] as string;
    doc.clientID = clientOf.get(user) as number;
    // insert at an index uses Yjs' search markers; push walks the whole list each time.
    doc.transact(() => messages.insert(messages.length, [userMessage(user, sentence(i), 'complete', createdAt)]));
  }
  return { doc, users, owners, clientOf };
}

/** The guard's questions answered for a project member, as the sync server answers them (minus the database). */
export function memberContext(userId: string, owners: ReadonlyMap<number, string>): GuardContext {
  return {
    userId,
    decide: (action) => decide({ userId, orgId: 'org_benchbenchbenchbench', orgRole: 'member' }, action as ProjectAction, { scope: 'project', orgId: 'org_benchbenchbenchbench', projectRole: 'member' }),
    mayEnforceModelsAndTools: true,
    clientOwner: (client) => owners.get(client),
    modelAllowed: () => true,
    agentUsable: () => true,
    referenceVisible: () => true,
    mayWrite: true,
    conversationIdUnused: () => true,
  };
}
