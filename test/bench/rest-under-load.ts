import type { BenchWorld } from './support/bench-world';
import { moreConversations, rest } from './support/bench-world';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface RestUnderLoadOptions {
  /** Sync sockets held open while the writes are timed, spread over the documents and the world's subscribers. */
  readonly sockets: number;
  readonly documents: number;
  /** REST writes timed, one after another, with no socket open and then with all of them. */
  readonly writes: number;
}

export interface RestUnderLoadResult {
  readonly sockets: number;
  readonly documents: number;
  readonly distinctUsers: number;
  readonly connectAllMs: number;
  /** Creating a conversation (POST /projects/{id}/conversations): request to answer, in ms. */
  readonly withoutSocketsMs: Summary;
  readonly withSocketsMs: Summary;
  /** Sockets the server closed while the writes ran: none should be. */
  readonly socketsClosed: number;
}

async function timedWrites(server: ServerProcess, world: BenchWorld, count: number, tag: string): Promise<Summary> {
  const writer = world.writers[0];
  if (!writer) throw new Error('a bench world needs a writer');
  const durations: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await rest(server.url, 'POST', `/projects/${world.projectId}/conversations`, { title: `${tag} ${i}`, kind: 'shared' }, writer.token);
    durations.push(performance.now() - start);
  }
  return summarize(durations);
}

/**
 * A REST write of the directory while thousands of sync sockets of the same organization are
 * open: every write announces a change, and the server must find the connections it affects
 * without holding the request (or the sync traffic) up for the others. Quorum only: the other
 * servers have no directory.
 */
export async function measureRestUnderLoad(server: ServerProcess, world: BenchWorld, options: RestUnderLoadOptions): Promise<RestUnderLoadResult> {
  const documents = await moreConversations(server.url, world, options.documents, 'load');
  // Warm: the same number of writes before anything is timed.
  await timedWrites(server, world, Math.min(20, options.writes), 'warm-up');
  const withoutSocketsMs = await timedWrites(server, world, options.writes, 'alone');
  const connectStart = performance.now();
  const sockets = await inBatches(options.sockets, 50, (i) => {
    const user = world.subscribers[i % world.subscribers.length] as BenchWorld['subscribers'][number];
    return RawSyncClient.connect(server.target(documents[i % documents.length] as string, user.token), {}, 60_000);
  });
  const connectAllMs = performance.now() - connectStart;
  const withSocketsMs = await timedWrites(server, world, options.writes, 'loaded');
  const socketsClosed = sockets.filter((socket) => socket.closed !== undefined).length;
  await inBatches(sockets.length, 200, (i) => (sockets[i] as RawSyncClient).close());
  return {
    sockets: options.sockets,
    documents: options.documents,
    distinctUsers: Math.min(options.sockets, world.subscribers.length),
    connectAllMs: round(connectAllMs, 0),
    withoutSocketsMs,
    withSocketsMs,
    socketsClosed,
  };
}
