import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import type { BenchWorld } from './support/bench-world';
import { moreConversations } from './support/bench-world';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';
import { repoRoot } from './support/server-process';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface BurstOptions {
  readonly documents: number;
  readonly subscribersPerDocument: number;
  /** Updates each document's writer sends at once: a message, then its text in small pieces. */
  readonly updatesPerWriter: number;
  readonly drainTimeoutMs: number;
}

export interface BurstResult {
  readonly server: ServerProcess['kind'];
  readonly updatesSent: number;
  /** The longest time any subscriber went without a frame while it still waited for some: the figure the target reads. */
  readonly longestGapMs: number;
  /** Every gap between frames (the first from the moment the burst was sent), over every subscriber. */
  readonly gapsMs: Summary;
  /** From sending the burst to the last subscriber having all of it. */
  readonly drainMs: number;
  /** How long the writers' process took to hand the whole burst to its sockets. */
  readonly sendMs: number;
  readonly allDelivered: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clocksIn(update: Uint8Array): number {
  const meta = Y.parseUpdateMeta(update);
  let clocks = 0;
  for (const [client, to] of meta.to) clocks += to - (meta.from.get(client) ?? to);
  return clocks;
}

/**
 * Every document's writer sends thousands of small updates at once, as a client does that comes
 * back with a long answer streamed offline, or a misbehaving one; subscribers on every document
 * note when each frame arrives. The writers run in a process of their own, so that sending does
 * not keep the subscribers from hearing. A server that takes the whole burst in one go leaves every
 * document silent until it is done: the longest silence is what this measures.
 */
export async function measureBurst(server: ServerProcess, world: BenchWorld, options: BurstOptions): Promise<BurstResult> {
  const writerUser = world.writers[0];
  if (!writerUser) throw new Error('a burst needs a writer');
  const documents = await moreConversations(server.kind === 'quorum' ? server.url : null, world, options.documents, 'burst');
  const plan = { targets: documents.map((docName) => server.target(docName, writerUser.token)), userId: writerUser.userId, token: writerUser.token, updates: options.updatesPerWriter };
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'bench', 'support', 'burst-writer.ts'), JSON.stringify(plan)], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the burst writers did not say ${prefix} within 60 s`)), 60_000);
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        clearTimeout(timer);
        lines.off('line', onLine);
        resolve(line.slice(prefix.length).trim());
      };
      lines.on('line', onLine);
      child.once('exit', (code) => reject(new Error(`the burst writers exited with ${code}`)));
    });
  try {
    const clocks = JSON.parse(await next('ready')) as number[];
    const expected = new Map(documents.map((docName, i) => [docName, clocks[i] ?? 0]));
    const subscribers = await inBatches(documents.length * options.subscribersPerDocument, 50, async (i) => {
      const docName = documents[i % documents.length] as string;
      const user = world.subscribers[i % world.subscribers.length] as BenchWorld['subscribers'][number];
      const state = { clocks: 0, arrivals: [] as number[], doneAt: undefined as number | undefined };
      const client = await RawSyncClient.connect(server.target(docName, user.token), {
        update: (update, at) => {
          state.arrivals.push(at);
          state.clocks += clocksIn(update);
          if (state.doneAt === undefined && state.clocks >= (expected.get(docName) ?? Infinity)) state.doneAt = at;
        },
      });
      return { client, state };
    });
    await sleep(300);

    const sent = next('sent');
    const sentAt = performance.now();
    child.stdin.write('go\n');
    const sendMs = Number(await sent);
    const deadline = sentAt + options.drainTimeoutMs;
    while (subscribers.some((s) => s.state.doneAt === undefined) && performance.now() < deadline) await sleep(20);

    const gaps: number[] = [];
    let longest = 0;
    let lastDone = sentAt;
    for (const { state } of subscribers) {
      const end = state.doneAt ?? performance.now();
      lastDone = Math.max(lastDone, end);
      let previous = sentAt;
      for (const at of state.arrivals) {
        if (at > end) break;
        gaps.push(at - previous);
        longest = Math.max(longest, at - previous);
        previous = at;
      }
      // Still waiting at the deadline: that silence counts too.
      if (state.doneAt === undefined) longest = Math.max(longest, end - previous);
    }
    const allDelivered = subscribers.every((s) => s.state.doneAt !== undefined);
    await inBatches(subscribers.length, 50, (i) => (subscribers[i] as (typeof subscribers)[number]).client.close());
    return {
      server: server.kind,
      updatesSent: documents.length * options.updatesPerWriter,
      longestGapMs: round(longest, 1),
      gapsMs: summarize(gaps),
      drainMs: round(lastDone - sentAt, 1),
      sendMs,
      allDelivered,
    };
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
  }
}
