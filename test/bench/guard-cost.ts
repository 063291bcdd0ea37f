import * as Y from 'yjs';
import { guardUpdate } from '../../shared/sync/update-guard';
import { buildConversation, memberContext } from './support/conversation-document';
import { userMessage } from './support/messages';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface GuardCostOptions {
  /** Document sizes in messages. */
  readonly sizes: readonly number[];
  /** Calls on every document before anything is timed, so no size pays for the JIT. */
  readonly warmupCalls: number;
  /** Timed calls per document and update, spread evenly over the rounds. */
  readonly calls: number;
  /**
   * The sizes are timed in turn, a share of the calls each, this many times over: whatever the
   * JIT or the machine does during the benchmark falls on every size alike, so their ratio is fair.
   */
  readonly rounds: number;
  /** Each size's share of a round stops after this long even if fewer calls ran. */
  readonly maxRoundMs: number;
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

/** Times `count` calls of the guard on one document and update (neither changes), adding to `samples`. */
function sample(run: () => boolean, count: number, maxMs: number, samples: number[]): void {
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const start = process.hrtime.bigint();
    const ok = run();
    const elapsed = process.hrtime.bigint() - start;
    if (!ok) throw new Error('the guard refused the benchmark update');
    samples.push(Number(elapsed) / 1000);
  }
}

function timing(updateBytes: number, samples: readonly number[]): GuardTiming {
  const blocks: number[] = [];
  for (let i = 0; i + blockSize <= samples.length; i += blockSize) blocks.push(samples.slice(i, i + blockSize).reduce((a, b) => a + b, 0) / blockSize);
  return { updateBytes, us: summarize([...samples], 2), blockMeanUs: round(summarize(blocks, 2).p50, 2) };
}

/** One document size, built, with the two updates a member sends to it. */
interface PreparedCase {
  readonly size: number;
  readonly doc: Y.Doc;
  readonly encodedBytes: number;
  readonly buildMs: number;
  /** The message append, then the text insert. */
  readonly updates: readonly { readonly bytes: number; readonly run: () => boolean; readonly samples: number[] }[];
}

/**
 * The guard's own cost, in process and without the network: a member's small update checked
 * against conversations of growing size. Two updates: appending a new message, and inserting a few
 * characters into one of the member's existing messages, in the middle of the document. Every
 * size is built first, then timed in interleaved rounds.
 */
export function measureGuardCost(options: GuardCostOptions): GuardCase[] {
  const prepared = options.sizes.map(prepare);
  for (const { updates } of prepared) for (const update of updates) sample(update.run, options.warmupCalls, Infinity, []);
  const perRound = Math.ceil(options.calls / options.rounds);
  for (let r = 0; r < options.rounds; r++) {
    // Each round starts with another size, so none is always timed first.
    for (let k = 0; k < prepared.length; k++) {
      const { updates } = prepared[(r + k) % prepared.length] as PreparedCase;
      for (const update of updates) sample(update.run, perRound, options.maxRoundMs, update.samples);
    }
  }
  return prepared.map((c) => {
    c.doc.destroy();
    const [appendMessage, insertText] = c.updates as [PreparedCase['updates'][number], PreparedCase['updates'][number]];
    return {
      messages: c.size,
      encodedBytes: c.encodedBytes,
      buildMs: round(c.buildMs, 0),
      appendMessage: timing(appendMessage.bytes, appendMessage.samples),
      insertText: timing(insertText.bytes, insertText.samples),
    };
  });
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

/** Builds a conversation of `size` messages and the two updates a member sends to it. */
function prepare(size: number): PreparedCase {
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
  return {
    size,
    doc,
    encodedBytes: state.length,
    buildMs,
    updates: [
      { bytes: appendMessage.length, run: check(appendMessage), samples: [] },
      { bytes: insertText.length, run: check(insertText), samples: [] },
    ],
  };
}
