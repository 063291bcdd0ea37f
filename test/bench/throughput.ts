import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { BenchUser, BenchWorld } from './support/bench-world';
import { userMessage } from './support/messages';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';
import { round } from './support/stats';

export interface ThroughputWorkload {
  /** Writers, each streaming into its own message as an agent's answer arrives. */
  readonly writers: number;
  /** Clients that only receive. */
  readonly subscribers: number;
  /** Updates a writer may have sent and not yet seen confirmed (stored ack for Quorum, echo for y-websocket, acknowledgement for Hocuspocus). */
  readonly window: number;
  /** Characters each update appends to the writer's message text. */
  readonly chunkChars: number;
  /**
   * Text updates per message: then the writer starts a new message, as an agent does for its next
   * answer. It keeps every message a realistic size (Yjs costs grow with one huge text).
   */
  readonly updatesPerMessage: number;
  readonly warmupMs: number;
  readonly measureMs: number;
  /** After sending stops, how long every subscriber has to receive everything that was sent. */
  readonly drainTimeoutMs: number;
}

export interface ThroughputResult {
  readonly server: ServerProcess['kind'];
  readonly guard: boolean | null;
  /** The headline figure: writer updates a subscriber received per second (mean over subscribers). */
  readonly receivedPerSubscriberPerSecond: number;
  readonly receivedPerSubscriberPerSecondMin: number;
  /** Writer updates confirmed per second, all writers together: stored (Quorum), echoed (y-websocket) or acknowledged (Hocuspocus). */
  readonly confirmedPerSecond: number;
  readonly measuredMs: number;
  /** Writer updates per broadcast frame a subscriber received: how much the server batched. */
  readonly updatesPerFrame: number;
  /** Server CPU time over wall time during the measurement; near 1 means the server was the bottleneck. */
  readonly serverCpuUtilization: number | null;
  /**
   * Server CPU time per confirmed update, in µs: what an update costs the server, whatever else
   * runs on the machine (wall-clock rates drop when other processes take the CPU; this does not).
   */
  readonly serverCpuUsPerUpdate: number | null;
  /** Every subscriber received every update sent, once sending stopped. */
  readonly allDelivered: boolean;
  readonly refusals: number;
}

/** The first client id an update writes under, read from its header without decoding its structs. */
function firstClient(update: Uint8Array): number | undefined {
  const decoder = decoding.createDecoder(update);
  if (decoding.readVarUint(decoder) === 0) return undefined;
  decoding.readVarUint(decoder);
  return decoding.readVarUint(decoder);
}

/** How many clock ticks (here: characters and structs) an update carries, from its per-client ranges. */
function clocksIn(update: Uint8Array): number {
  const meta = Y.parseUpdateMeta(update);
  let clocks = 0;
  for (const [client, to] of meta.to) clocks += to - (meta.from.get(client) ?? to);
  return clocks;
}

interface Writer {
  readonly doc: Y.Doc;
  readonly client: RawSyncClient;
  /** The writer's clock the server has confirmed (stored or echoed). */
  acked: number;
  /** Updates sent so far: text chunks and new messages. */
  updates: number;
  /** Updates confirmed so far. */
  confirmed(): number;
  start(): void;
  stop(): void;
  /** The writer's clock: everything it has written, in Yjs clock ticks. */
  sent(): number;
}

async function connectWriter(server: ServerProcess, world: BenchWorld, user: BenchUser, workload: ThroughputWorkload, running: () => boolean): Promise<Writer> {
  const doc = new Y.Doc();
  const me = doc.clientID;
  const chunk = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, workload.chunkChars);
  const messages = doc.getArray<Y.Map<unknown>>('messages');
  let text: Y.Text | undefined;
  let chunksInMessage = 0;
  let streaming = false;
  const sent = () => Y.getState(doc.store, me);
  // One update per call: the update event fires at the end of each change's own transaction.
  const newMessage = () => {
    const message = userMessage(user.userId, '', 'streaming');
    messages.push([message]);
    text = message.get('content') as Y.Text;
    chunksInMessage = 0;
    writer.updates += 1;
  };
  const pump = () => {
    while (streaming && running() && writer.updates - confirmedUpdates() < workload.window) {
      if (chunksInMessage >= workload.updatesPerMessage) newMessage();
      else {
        (text as Y.Text).insert((text as Y.Text).length, chunk);
        chunksInMessage += 1;
        writer.updates += 1;
      }
    }
  };
  // Updates confirmed, from the clock confirmed: every update until then ended at a known clock.
  const ends: number[] = [];
  let confirmedIndex = 0;
  const confirmedUpdates = () => {
    while (confirmedIndex < ends.length && (ends[confirmedIndex] as number) <= writer.acked) confirmedIndex += 1;
    return confirmedIndex;
  };
  const confirm = (clock: number | undefined) => {
    if (clock === undefined || clock <= writer.acked) return;
    writer.acked = clock;
    pump();
  };
  let acknowledged = 0;
  const client = await RawSyncClient.connect(
    server.target(world.docName, user.token),
    server.kind === 'quorum'
      ? { stored: (stateVector) => confirm(stateVector.get(me)) }
      : server.kind === 'hocuspocus'
        ? // One acknowledgement per update, in order: the clock where that update ended.
          { acknowledged: () => confirm(ends[(acknowledged += 1) - 1]) }
        : { update: (update) => (firstClient(update) === me ? confirm(Y.parseUpdateMeta(update).to.get(me)) : undefined) },
  );
  doc.on('update', (update: Uint8Array) => {
    ends.push(sent());
    client.sendUpdate(update);
  });
  const writer: Writer = {
    doc,
    client,
    acked: 0,
    updates: 0,
    start() {
      streaming = true;
      pump();
    },
    stop() {
      streaming = false;
    },
    sent,
    confirmed: () => confirmedUpdates(),
  };
  newMessage();
  if (!(await waitUntil(() => writer.acked >= sent(), 10_000))) throw new Error('the server did not confirm a writer’s first message within 10 s');
  return writer;
}

/** Polls `predicate` until it holds or `timeoutMs` passes; says which. */
async function waitUntil(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * K writers stream small text updates into their own messages, each keeping at most `window`
 * unconfirmed; N subscribers count the writer updates they receive. The same workload runs against
 * every server, and the headline is what a subscriber receives per second, because only Quorum
 * acknowledges what it has stored.
 */
export async function measureThroughput(server: ServerProcess, world: BenchWorld, workload: ThroughputWorkload, guard: boolean | null): Promise<ThroughputResult> {
  const received = new Float64Array(workload.subscribers);
  const frames = new Float64Array(workload.subscribers);
  const subscribers = await inBatches(workload.subscribers, 50, (i) => {
    const user = world.subscribers[i % world.subscribers.length] as BenchUser;
    return RawSyncClient.connect(server.target(world.docName, user.token), {
      update: (update) => {
        received[i] = (received[i] as number) + clocksIn(update);
        frames[i] = (frames[i] as number) + 1;
      },
    });
  });
  let running = true;
  const writers = await inBatches(workload.writers, workload.writers, (i) =>
    connectWriter(server, world, world.writers[i % world.writers.length] as BenchUser, workload, () => running),
  );

  for (const writer of writers) writer.start();
  await sleep(workload.warmupMs);
  const startAt = performance.now();
  const cpuStart = server.cpuMs();
  const receivedStart = Float64Array.from(received);
  const framesStart = Float64Array.from(frames);
  const confirmedStart = writers.reduce((sum, w) => sum + w.confirmed(), 0);
  await sleep(workload.measureMs);
  const endAt = performance.now();
  const cpuEnd = server.cpuMs();
  const receivedEnd = Float64Array.from(received);
  const framesEnd = Float64Array.from(frames);
  const confirmedEnd = writers.reduce((sum, w) => sum + w.confirmed(), 0);
  running = false;
  for (const writer of writers) writer.stop();

  const expected = writers.reduce((sum, w) => sum + w.sent(), 0);
  const allDelivered = await waitUntil(() => writers.every((w) => w.acked >= w.sent()) && received.every((r) => r === expected), workload.drainTimeoutMs);
  const refusals = writers.reduce((sum, w) => sum + w.client.refusals.length, 0);
  await inBatches(writers.length, 50, (i) => (writers[i] as Writer).client.close());
  await inBatches(subscribers.length, 50, (i) => (subscribers[i] as RawSyncClient).close());
  for (const writer of writers) writer.doc.destroy();

  const seconds = (endAt - startAt) / 1000;
  // Subscribers count clock ticks, which every update spends the same way on average.
  const clocksPerUpdate = expected / writers.reduce((sum, w) => sum + w.updates, 0);
  const perSubscriber = [...receivedEnd].map((end, i) => (end - (receivedStart[i] as number)) / clocksPerUpdate / seconds);
  const framesPerSecond = [...framesEnd].reduce((sum, end, i) => sum + (end - (framesStart[i] as number)), 0) / framesEnd.length / seconds;
  const mean = perSubscriber.reduce((a, b) => a + b, 0) / perSubscriber.length;
  const confirmed = (confirmedEnd - confirmedStart) / seconds;
  return {
    server: server.kind,
    guard,
    receivedPerSubscriberPerSecond: round(mean, 1),
    receivedPerSubscriberPerSecondMin: round(Math.min(...perSubscriber), 1),
    confirmedPerSecond: round(confirmed, 1),
    measuredMs: round(endAt - startAt, 1),
    updatesPerFrame: round(mean / framesPerSecond, 2),
    serverCpuUtilization: cpuStart === undefined || cpuEnd === undefined ? null : round((cpuEnd - cpuStart) / (endAt - startAt), 3),
    serverCpuUsPerUpdate: cpuStart === undefined || cpuEnd === undefined || confirmed === 0 ? null : round(((cpuEnd - cpuStart) * 1000) / (confirmed * seconds), 1),
    allDelivered,
    refusals,
  };
}
