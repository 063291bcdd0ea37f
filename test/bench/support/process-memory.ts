import { readFileSync, realpathSync } from 'node:fs';
import WebSocket from 'ws';

/** Resident memory of a process by what holds it, in MiB, from /proc/<pid>/smaps. */
export interface MappedMemory {
  readonly rssMiB: number;
  /** Pages of the node executable touched so far: V8, Node's built-ins, ICU data. Read from the file, shared with every node process. */
  readonly nodeExecutableMiB: number;
  /** Native addons (`*.node`: better-sqlite3 with SQLite compiled in) and shared libraries. */
  readonly nativeCodeMiB: number;
  /** Anonymous memory: the V8 heap, and everything allocated natively (malloc: SQLite's page cache, socket buffers). */
  readonly anonymousMiB: number;
  /** Other mapped files, e.g. SQLite's WAL index (`-shm`). */
  readonly otherFilesMiB: number;
}

/** What one mapping in smaps is, from its path. */
export function mappingKind(path: string, nodeExecutable: string): keyof Omit<MappedMemory, 'rssMiB'> {
  if (path === nodeExecutable) return 'nodeExecutableMiB';
  if (path.endsWith('.node') || /\.so(\.\d+)*$/.test(path)) return 'nativeCodeMiB';
  if (path === '' || path.startsWith('[')) return 'anonymousMiB';
  return 'otherFilesMiB';
}

const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;

/** Sums the Rss of every mapping of an smaps file by `mappingKind`. */
export function readMappedMemory(smaps: string, nodeExecutable: string): MappedMemory {
  const kib = { nodeExecutableMiB: 0, nativeCodeMiB: 0, anonymousMiB: 0, otherFilesMiB: 0 };
  let kind: keyof typeof kib = 'anonymousMiB';
  for (const line of smaps.split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      kind = mappingKind((mapping[1] ?? '').trim(), nodeExecutable);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kib[kind] += Number(rss[1]);
  }
  const total = kib.nodeExecutableMiB + kib.nativeCodeMiB + kib.anonymousMiB + kib.otherFilesMiB;
  return {
    rssMiB: mib(total),
    nodeExecutableMiB: mib(kib.nodeExecutableMiB),
    nativeCodeMiB: mib(kib.nativeCodeMiB),
    anonymousMiB: mib(kib.anonymousMiB),
    otherFilesMiB: mib(kib.otherFilesMiB),
  };
}

/** The mapped memory of a running process; undefined where /proc is not available. */
export function mappedMemoryOf(pid: number | undefined): MappedMemory | undefined {
  if (pid === undefined) return undefined;
  try {
    return readMappedMemory(readFileSync(`/proc/${pid}/smaps`, 'utf8'), realpathSync(process.execPath));
  } catch {
    return undefined;
  }
}

/** The V8 heap of a process, in MiB, as `process.memoryUsage()` and `v8.getHeapSpaceStatistics()` report it there. */
export interface HeapMemory {
  /** Committed by V8 for its heap: what the heap costs in memory, used or not. */
  readonly heapTotalMiB: number;
  /** Live objects and garbage not yet collected. */
  readonly heapUsedMiB: number;
  /** Of heapTotal, the young generation: grown while the process allocated fast, kept until a collection shrinks it. */
  readonly newSpaceMiB: number;
  /** Of heapTotal, compiled code. */
  readonly codeSpaceMiB: number;
  /** Memory of ArrayBuffers and other objects V8 tracks outside its heap (Buffers of sockets and files). */
  readonly externalMiB: number;
}

const heapExpression = `JSON.stringify({
  usage: process.memoryUsage(),
  spaces: require('v8').getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]),
})`;

/**
 * A session of the inspector of a server started with `--inspect=127.0.0.1:0`: reads its heap from
 * inside and can force a full garbage collection, without the server's code knowing of either.
 */
export class InspectorSession {
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {}

  static open(url: string): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new InspectorSession(socket)));
      socket.once('error', reject);
    });
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`the inspector did not answer ${method} within 30 s`)), 30_000);
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (message.id !== id) return;
        finish(message.error ? new Error(`${method}: ${message.error.message}`) : undefined, message.result ?? {});
      };
      const finish = (error: Error | undefined, result?: Record<string, unknown>) => {
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        if (error) reject(error);
        else resolve(result as Record<string, unknown>);
      };
      this.socket.on('message', onMessage);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  async heap(): Promise<HeapMemory> {
    // includeCommandLineAPI gives the expression Node's console `require`, whatever module system the server uses.
    const answer = await this.call('Runtime.evaluate', { expression: heapExpression, includeCommandLineAPI: true, returnByValue: true });
    const value = (answer['result'] as { value?: string } | undefined)?.value;
    if (typeof value !== 'string') throw new Error(`the inspector did not evaluate the heap: ${JSON.stringify(answer)}`);
    const { usage, spaces } = JSON.parse(value) as { usage: NodeJS.MemoryUsage; spaces: [string, number][] };
    const space = (name: string) => spaces.find(([n]) => n === name)?.[1] ?? 0;
    const toMiB = (bytes: number) => mib(bytes / 1024);
    return {
      heapTotalMiB: toMiB(usage.heapTotal),
      heapUsedMiB: toMiB(usage.heapUsed),
      newSpaceMiB: toMiB(space('new_space')),
      codeSpaceMiB: toMiB(space('code_space') + space('code_large_object_space')),
      externalMiB: toMiB(usage.external),
    };
  }

  /** A full, compacting collection, as the next idle one would do, only now. */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  close(): void {
    this.socket.close();
  }
}
