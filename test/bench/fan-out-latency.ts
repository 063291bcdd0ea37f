import * as Y from 'yjs';
import type { BenchWorld } from './support/bench-world';
import { userMessage } from './support/messages';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface FanOutOptions {
  readonly subscribers: number;
  /** Messages sent, the first `warmup` of them left out of the figures. */
  readonly messages: number;
  readonly warmup: number;
  /**
   * Open loop: messages go out at this rate whatever the subscribers do, as people type. Without
   * it, closed loop: the next goes once every subscriber has the previous one, after `gapMs`.
   */
  readonly ratePerSecond?: number;
  readonly gapMs: number;
  readonly perMessageTimeoutMs: number;
  /** The whole run stops sending after this long, whatever is left. */
  readonly maxRunMs: number;
}

export interface FanOutResult {
  readonly server: ServerProcess['kind'];
  readonly subscribers: number;
  readonly distinctSubscriberUsers: number;
  readonly messagesSent: number;
  readonly messagesMeasured: number;
  /** One per (message, subscriber): writer's send to the subscriber's receipt. */
  readonly latencyMs: Summary;
  /** Receipts that never arrived within the per-message timeout. */
  readonly missing: number;
  readonly connectAllMs: number;
  readonly serverCpuMsPerMessage: number | null;
}

/** A broadcast frame as a subscriber received it, stamped on arrival. */
interface Arrival {
  readonly update: Uint8Array;
  readonly at: number;
}

const marker = /^fanout (\d+) (\d+(?:\.\d+)?)$/;
const settleMs = 300;
/** Open loop: sending is over once no frame arrived for this long. */
const quietMs = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One writer appends small messages to one conversation; every subscriber records when each one
 * arrives. The writer is a raw client sending each message as the update its Y.Doc makes, the same
 * for every server. The send time is written into the message text (same process, same clock), so
 * the latency is read from what was received, after the run, with nothing decoded while it is timed.
 */
export async function measureFanOut(server: ServerProcess, world: BenchWorld, options: FanOutOptions): Promise<FanOutResult> {
  const writerUser = world.writers[0];
  if (!writerUser || world.subscribers.length === 0) throw new Error('fan-out needs a writer and subscriber accounts');
  const count = options.subscribers;
  const frames: Arrival[][] = Array.from({ length: count }, () => []);
  /** Per subscriber, how many frames it received; the closed loop, one message out at a time, waits for all. */
  const received = new Int32Array(count);
  let waitingFor = -1;
  let remaining = 0;
  let roundDone: (() => void) | undefined;
  let lastArrival = 0;

  const connectStart = performance.now();
  const subscribers = await inBatches(count, 50, (i) => {
    const user = world.subscribers[i % world.subscribers.length] as BenchWorld['subscribers'][number];
    return RawSyncClient.connect(server.target(world.docName, user.token), {
      update: (update, at) => {
        (frames[i] as Arrival[]).push({ update, at });
        lastArrival = at;
        received[i] = (received[i] as number) + 1;
        if (waitingFor >= 0 && received[i] === waitingFor + 1) {
          remaining -= 1;
          if (remaining === 0) roundDone?.();
        }
      },
    });
  });
  const connectAllMs = performance.now() - connectStart;

  const doc = new Y.Doc();
  const writer = await RawSyncClient.connect(server.target(world.docName, writerUser.token), {});
  doc.on('update', (update: Uint8Array) => writer.sendUpdate(update));
  // Whatever the writer's own arrival broadcast has arrived by now; counts start from here.
  await sleep(settleMs);
  frames.forEach((list) => (list.length = 0));
  received.fill(0);

  const messages = doc.getArray<Y.Map<unknown>>('messages');
  const runStart = performance.now();
  const cpuBefore = server.cpuMs();
  let sent = 0;
  const send = (seq: number) => {
    const sentAt = performance.now();
    doc.transact(() => messages.push([userMessage(writerUser.userId, `fanout ${seq} ${sentAt.toFixed(4)}`)]));
    sent += 1;
  };
  for (let seq = 0; seq < options.messages && performance.now() - runStart < options.maxRunMs; seq++) {
    if (options.ratePerSecond !== undefined) {
      const due = runStart + (seq * 1000) / options.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      send(seq);
      continue;
    }
    remaining = received.reduce((n, r) => n + (r > seq ? 0 : 1), 0);
    waitingFor = seq;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      roundDone = resolve;
      timer = setTimeout(resolve, options.perMessageTimeoutMs);
    });
    send(seq);
    if (remaining > 0) await done;
    clearTimeout(timer);
    waitingFor = -1;
    await sleep(options.gapMs);
  }
  // Open loop: the last messages have until no frame arrived for a while, at most the per-message
  // timeout (a server may carry several in one frame, so frames cannot be counted for it).
  if (options.ratePerSecond !== undefined) {
    const deadline = performance.now() + options.perMessageTimeoutMs;
    await sleep(quietMs);
    while (performance.now() - lastArrival < quietMs && performance.now() < deadline) await sleep(50);
  }
  const cpuAfter = server.cpuMs();
  if (writer.refusals.length > 0) throw new Error(`the server refused the writer's messages: ${writer.refusals[0]}`);

  const latencies: number[] = [];
  let missing = 0;
  for (const list of frames) {
    const arrived = new Map<number, number>();
    for (const { update, at } of list) {
      for (const struct of Y.decodeUpdate(update).structs) {
        if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
        const match = struct.content.str.match(marker);
        if (match) arrived.set(Number(match[1]), at - Number(match[2]));
      }
    }
    for (let seq = options.warmup; seq < sent; seq++) {
      const latency = arrived.get(seq);
      if (latency === undefined) missing += 1;
      else latencies.push(latency);
    }
  }

  doc.destroy();
  await writer.close();
  await inBatches(subscribers.length, 100, (i) => (subscribers[i] as RawSyncClient).close());
  return {
    server: server.kind,
    subscribers: count,
    distinctSubscriberUsers: Math.min(count, world.subscribers.length),
    messagesSent: sent,
    messagesMeasured: Math.max(0, sent - options.warmup),
    latencyMs: summarize(latencies),
    missing,
    connectAllMs: round(connectAllMs, 1),
    serverCpuMsPerMessage: cpuBefore === undefined || cpuAfter === undefined || sent === 0 ? null : round((cpuAfter - cpuBefore) / sent, 3),
  };
}
