import * as Y from 'yjs';
import { guardUpdate } from '../../shared/sync/update-guard';
import { buildConversation, memberContext } from './support/conversation-document';
import { userMessage } from './support/messages';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface GuardCostOptions {
  /** Document sizes in messages. */
  readonly sizes: readonly number[];
  /** Calls on a small document before anything is timed, so the first size does not pay for the JIT. */
  readonly jitWarmupCalls: number;
  /** Untimed calls before each case. */
  readonly warmupCalls: number;
  readonly calls: number;
  /** Each case stops after this long even if fewer calls ran. */
  readonly maxCaseMs: number;
}

export interface GuardCase {
  readonly messages: number;
  readonly encodedBytes: number;
  readonly buildMs: number;
  readonly appendMessage: GuardTiming;
  readonly insertText: GuardTiming;
}

export interface GuardTiming {
  readonly updateBytes: number;
  /** Microseconds per `guardUpdate` call. */
  readonly us: Summary;
  /**
   * The median of the means of blocks of consecutive calls, in µs: a mean that one garbage
   * collection or one preemption by another process does not decide.
   */
  readonly blockMeanUs: number;
}

const blockSize = 250;

/** Calls the guard on the same document and update over and over; the guard does not change either. */
function time(updateBytes: number, run: () => boolean, options: GuardCostOptions): GuardTiming {
  for (let i = 0; i < options.warmupCalls; i++) if (!run()) throw new Error('the guard refused the benchmark update');
  const samples: number[] = [];
  const deadline = performance.now() + options.maxCaseMs;
  for (let i = 0; i < options.calls && performance.now() < deadline; i++) {
    const start = process.hrtime.bigint();
    const ok = run();
    const elapsed = process.hrtime.bigint() - start;
    if (!ok) throw new Error('the guard refused the benchmark update');
    samples.push(Number(elapsed) / 1000);
  }
  const blocks: number[] = [];
  for (let i = 0; i + blockSize <= samples.length; i += blockSize) blocks.push(samples.slice(i, i + blockSize).reduce((a, b) => a + b, 0) / blockSize);
  return { updateBytes, us: summarize(samples, 2), blockMeanUs: round(summarize(blocks, 2).p50, 2) };
}

/**
 * The guard's own cost, in process and without the network: a member's small update checked
 * against conversations of growing size. Two updates: appending a new message, and inserting a few
 * characters into one of the member's existing messages, in the middle of the document.
 */
export function measureGuardCost(options: GuardCostOptions): GuardCase[] {
  measureSize(options.sizes[0] ?? 1_000, { ...options, warmupCalls: options.jitWarmupCalls, calls: 0 });
  return options.sizes.map((size) => measureSize(size, options));
}

/** The update `edit` makes in a member's replica, loaded from the server's state and writing under the member's client id. */
function updateFrom(state: Uint8Array, client: number, edit: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, state);
  replica.clientID = client;
  const before = Y.encodeStateVector(replica);
  edit(replica);
  const update = Y.encodeStateAsUpdate(replica, before);
  replica.destroy();
  return update;
}

/** One document size: build it, then time both updates against it. */
function measureSize(size: number, options: GuardCostOptions): GuardCase {
  const built0 = performance.now();
  const { doc, users, owners, clientOf } = buildConversation(size);
  const buildMs = performance.now() - built0;
  const member = users[1] as string;
  const state = Y.encodeStateAsUpdate(doc);

  // One of the member's own messages near the middle (messages are written by users in turn).
  const middle = Math.floor(size / 2 / users.length) * users.length + 1;
  const memberClient = clientOf.get(member) as number;
  const insertText = updateFrom(state, memberClient, (replica) => {
    const own = replica.getArray<Y.Map<unknown>>('messages').get(middle);
    if ((own.get('author') as { userId: string }).userId !== member) throw new Error('the middle message is not the member’s');
    (own.get('content') as Y.Text).insert(5, 'abc');
  });
  const appendMessage = updateFrom(state, memberClient, (replica) => {
    const messages = replica.getArray<Y.Map<unknown>>('messages');
    messages.insert(messages.length, [userMessage(member, 'One more thing: thanks, that works.')]);
  });

  const context = memberContext(member, owners);
  const check = (update: Uint8Array) => () => guardUpdate('conversation', doc, update, context).ok;
  const result: GuardCase = {
    messages: size,
    encodedBytes: state.length,
    buildMs: round(buildMs, 0),
    appendMessage: time(appendMessage.length, check(appendMessage), options),
    insertText: time(insertText.length, check(insertText), options),
  };
  doc.destroy();
  return result;
}
