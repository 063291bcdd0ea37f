import * as Y from 'yjs';
import type { BenchWorld } from './support/bench-world';
import { moreConversations } from './support/bench-world';
import { userMessage } from './support/messages';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';

export interface MemoryOptions {
  readonly documents: number;
  /** Characters of the one message written into each document. */
  readonly charactersPerDocument: number;
  /** How long after its last client left a document is let go (Quorum's --sync-idle-unload-ms), plus time for the process to give memory back. */
  readonly settleAfterUnloadMs: number;
}

export interface MemoryResult {
  readonly server: ServerProcess['kind'];
  /** Resident memory, MiB: idle after start; with every document open and written; once every client left and the documents were let go. */
  readonly startMiB: number | null;
  readonly loadedMiB: number | null;
  readonly afterUnloadMiB: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory once the process has been idle for a moment. */
export async function idleRss(server: ServerProcess, settleMs = 1500): Promise<number | null> {
  await sleep(settleMs);
  return server.rssMiB() ?? null;
}

/**
 * A server's memory as documents come and go: idle after start, with `documents` documents open
 * and written, and after every client left and the documents' idle time passed.
 */
export async function measureMemory(server: ServerProcess, world: BenchWorld, options: MemoryOptions): Promise<MemoryResult> {
  const writerUser = world.writers[0];
  if (!writerUser) throw new Error('a memory run needs a writer');
  const startMiB = await idleRss(server);
  const documents = await moreConversations(server.kind === 'quorum' ? server.url : null, world, options.documents, 'memory');
  const text = 'All work and no play makes a long conversation. '.repeat(Math.ceil(options.charactersPerDocument / 48)).slice(0, options.charactersPerDocument);
  const clients = await inBatches(documents.length, 20, async (i) => {
    const docName = documents[i] as string;
    let stored = false;
    const client = await RawSyncClient.connect(server.target(docName, writerUser.token), { stored: () => (stored = true), acknowledged: () => (stored = true) });
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => client.sendUpdate(update));
    doc.getArray<Y.Map<unknown>>('messages').push([userMessage(writerUser.userId, text)]);
    doc.destroy();
    // Quorum and Hocuspocus say when they have it; y-websocket says nothing, so a moment is given.
    const deadline = performance.now() + 2_000;
    while (!stored && server.kind !== 'y-websocket' && performance.now() < deadline) await sleep(10);
    return client;
  });
  const loadedMiB = await idleRss(server);
  await inBatches(clients.length, 50, (i) => (clients[i] as RawSyncClient).close());
  await sleep(options.settleAfterUnloadMs);
  const afterUnloadMiB = await idleRss(server);
  return { server: server.kind, startMiB, loadedMiB, afterUnloadMiB };
}
