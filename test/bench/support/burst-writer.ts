import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { userMessage } from './messages';
import { RawSyncClient } from './raw-client';
import type { RawTarget } from './raw-client';

/*
 * Run as its own process by the burst benchmark, so that handing thousands of updates to the
 * sockets does not stop the subscribers, in the benchmark's process, from hearing anything. One
 * writer per target: a message streamed in `updates` small updates, prepared first; everything is
 * sent when a line `go` arrives on stdin. Prints `ready`, then `sent <ms it took>`.
 */
interface WriterPlan {
  readonly targets: readonly RawTarget[];
  readonly userId: string;
  readonly token: string;
  readonly updates: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as WriterPlan;
const writers = await Promise.all(
  plan.targets.map(async (target) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const message = userMessage(plan.userId, '', 'streaming');
    doc.getArray<Y.Map<unknown>>('messages').push([message]);
    const text = message.get('content') as Y.Text;
    for (let i = 1; i < plan.updates; i++) text.insert(text.length, 'word ');
    const client = await RawSyncClient.connect(target, {});
    return { client, updates, clocks: Y.getState(doc.store, doc.clientID) };
  }),
);
console.log(`ready ${JSON.stringify(writers.map((w) => w.clocks))}`);
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line !== 'go') return;
  const start = performance.now();
  // Round the writers, so that every document's burst is on its way at once.
  for (let i = 0; i < plan.updates; i++) for (const writer of writers) writer.client.sendUpdate(writer.updates[i] as Uint8Array);
  console.log(`sent ${(performance.now() - start).toFixed(1)}`);
});
lines.on('close', () => process.exit(0));
