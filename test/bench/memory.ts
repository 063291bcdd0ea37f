import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { BenchWorld } from './support/bench-world';
import { moreConversations } from './support/bench-world';
import { userMessage } from './support/messages';
import { InspectorSession } from './support/process-memory';
import type { HeapMemory, MappedMemory } from './support/process-memory';
import { inBatches, RawSyncClient } from './support/raw-client';
import type { ServerProcess } from './support/server-process';

export interface MemoryOptions {
  readonly documents: number;
  /** Characters of the one message written into each document. */
  readonly charactersPerDocument: number;
  /** How long after its last client left a document is let go (Quorum's --sync-idle-unload-ms), plus time for the process to give memory back. */
  readonly settleAfterUnloadMs: number;
}

/** The server's memory at one moment: resident by what holds it, and its V8 heap read from inside. */
export interface MemoryReading {
  readonly mapped: MappedMemory | null;
  readonly heap: HeapMemory | null;
}

export interface MemoryResult {
  readonly server: ServerProcess['kind'];
  /** Resident memory (MiB): idle after start; after the accounts were made (Quorum: password hashing); with every document open and written; once every client left and the documents were let go. */
  readonly startMiB: number | null;
  readonly afterAccountsMiB: number | null;
  readonly loadedMiB: number | null;
  readonly afterUnloadMiB: number | null;
  /** After unload, once a full garbage collection ran: what the heap held only because no collection had come yet. */
  readonly afterUnloadCollectedMiB: number | null;
  readonly readings: {
    readonly start: MemoryReading;
    readonly startCollected: MemoryReading;
    readonly afterAccounts: MemoryReading;
    readonly loaded: MemoryReading;
    readonly afterUnload: MemoryReading;
    readonly afterUnloadCollected: MemoryReading;
  };
  /** Quorum: the size of its SQLite files after the run; SQLite's page cache (16 MiB per connection as better-sqlite3 builds it) holds at most this much of them. */
  readonly databaseMiB: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory once the process has been idle for a moment. */
export async function idleRss(server: ServerProcess, settleMs = 1500): Promise<number | null> {
  await sleep(settleMs);
  return server.rssMiB() ?? null;
}

function directoryMiB(path: string | undefined): number | null {
  if (path === undefined) return null;
  const bytes = readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/**
 * A server's memory as documents come and go: idle after start, after the accounts were made, with
 * `documents` documents open and written, and after every client left and the documents' idle time
 * passed; at the start and at the end also once a full collection ran. The server must have been
 * started with `inspect`: its heap is read through the inspector, after its resident size.
 */
export async function measureMemory(server: ServerProcess, makeWorld: () => Promise<BenchWorld>, options: MemoryOptions): Promise<MemoryResult> {
  if (server.inspectorUrl === undefined) throw new Error('the memory benchmark needs a server started with inspect');
  const startMiB = await idleRss(server);
  const inspector = await InspectorSession.open(server.inspectorUrl);
  try {
    const read = async (): Promise<MemoryReading> => ({ mapped: server.mappedMemory() ?? null, heap: await inspector.heap() });
    const collected = async (): Promise<MemoryReading> => {
      await inspector.collectGarbage();
      await sleep(500);
      return read();
    };
    const start = await read();
    const startCollected = await collected();

    const world = await makeWorld();
    const afterAccountsMiB = await idleRss(server);
    const afterAccounts = await read();

    const writerUser = world.writers[0];
    if (!writerUser) throw new Error('a memory run needs a writer');
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
    const loaded = await read();
    await inBatches(clients.length, 50, (i) => (clients[i] as RawSyncClient).close());
    await sleep(options.settleAfterUnloadMs);
    const afterUnloadMiB = await idleRss(server);
    const afterUnload = await read();
    const afterUnloadCollected = await collected();
    return {
      server: server.kind,
      startMiB,
      afterAccountsMiB,
      loadedMiB,
      afterUnloadMiB,
      afterUnloadCollectedMiB: afterUnloadCollected.mapped?.rssMiB ?? null,
      readings: { start, startCollected, afterAccounts, loaded, afterUnload, afterUnloadCollected },
      databaseMiB: directoryMiB(server.dataDir),
    };
  } finally {
    inspector.close();
  }
}
