import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../shared/sync/sync-protocol';
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
  /** Pause after every subscriber has a message, before the next: the figure is latency, not queueing. */
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

/** The writer: a real y-websocket provider in Node, with Quorum's extra messages accepted. */
async function connectWriter(server: ServerProcess, docName: string, token: string, doc: Y.Doc): Promise<{ provider: WebsocketProvider; refusals: string[] }> {
  const target = server.providerTarget(docName, token);
  const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: target.params,
    disableBc: true,
  });
  const refusals: string[] = [];
  provider.messageHandlers[messageType.stored] = (_encoder, decoder) => {
    decoding.readVarUint8Array(decoder);
  };
  provider.messageHandlers[messageType.refused] = (_encoder, decoder) => {
    refusals.push(decoding.readVarString(decoder));
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the writer did not sync within 30 s')), 30_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { provider, refusals };
}

/**
 * One writer appends small messages to one conversation; every subscriber records when each one
 * arrives. The send time is written into the message text (same process, same clock), so the
 * latency is read from what was received, after the run, with nothing decoded while it is timed.
 */
export async function measureFanOut(server: ServerProcess, world: BenchWorld, options: FanOutOptions): Promise<FanOutResult> {
  const writerUser = world.writers[0];
  if (!writerUser || world.subscribers.length === 0) throw new Error('fan-out needs a writer and subscriber accounts');
  const count = options.subscribers;
  const frames: Arrival[][] = Array.from({ length: count }, () => []);
  /** The message every subscriber is waited for; -1 between runs. */
  let current = -1;
  let remaining = 0;
  let roundDone: (() => void) | undefined;
  const reached = new Uint8Array(count);
  const base = new Int32Array(count);

  const connectStart = performance.now();
  const subscribers = await inBatches(count, 50, (i) => {
    const user = world.subscribers[i % world.subscribers.length] as BenchWorld['subscribers'][number];
    return RawSyncClient.connect(server.documentUrl(world.docName, user.token), {
      update: (update, at) => {
        const list = frames[i] as Arrival[];
        list.push({ update, at });
        if (current >= 0 && reached[i] === 0 && list.length - (base[i] as number) > current) {
          reached[i] = 1;
          remaining -= 1;
          if (remaining === 0) roundDone?.();
        }
      },
    });
  });
  const connectAllMs = performance.now() - connectStart;

  const doc = new Y.Doc();
  const { provider, refusals } = await connectWriter(server, world.docName, writerUser.token, doc);
  // Whatever the writer's own handshake broadcast has arrived by now; rounds count frames from here.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  frames.forEach((list, i) => (base[i] = list.length));

  const messages = doc.getArray<Y.Map<unknown>>('messages');
  const runStart = performance.now();
  const cpuBefore = server.cpuMs();
  let sent = 0;
  for (let seq = 0; seq < options.messages && performance.now() - runStart < options.maxRunMs; seq++) {
    reached.fill(0);
    remaining = count;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve) => {
      roundDone = resolve;
      timer = setTimeout(resolve, options.perMessageTimeoutMs);
    });
    current = seq;
    const sentAt = performance.now();
    doc.transact(() => messages.push([userMessage(writerUser.userId, `fanout ${seq} ${sentAt.toFixed(4)}`)]));
    sent += 1;
    await done;
    clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, options.gapMs));
  }
  const cpuAfter = server.cpuMs();
  current = -1;
  if (refusals.length > 0) throw new Error(`the server refused the writer's messages: ${refusals[0]}`);

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

  provider.destroy();
  doc.destroy();
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
