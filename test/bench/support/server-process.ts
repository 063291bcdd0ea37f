import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSyncServer } from '../../../sync-server/build-sync-server';
import { compileForNode } from './compile-for-node';
import type { DataDisk } from './data-disk';
import { mappedMemoryOf } from './process-memory';
import type { MappedMemory } from './process-memory';
import type { RawTarget } from './raw-client';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The servers compared: Quorum, y-websocket@2's reference server, and Hocuspocus 3.4. */
export type ServerKind = 'quorum' | 'y-websocket' | 'hocuspocus';

/** A sync server running in a child process, so its event loop and CPU are separate from the clients'. */
export interface ServerProcess {
  readonly kind: ServerKind;
  /** Hocuspocus prefixes every message with the document's name and wants an authentication message first. */
  readonly protocol: 'y-websocket' | 'hocuspocus';
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The WebSocket URL of a document, with its credential when the server needs one. */
  documentUrl(docName: string, token?: string): string;
  /** The same, as a raw client reaches it. */
  target(docName: string, token?: string): RawTarget;
  /** CPU time (user + system) the server has used so far, in ms; undefined where /proc is not available. */
  cpuMs(): number | undefined;
  /** Resident memory of the server process, in MiB; undefined where /proc is not available. */
  rssMiB(): number | undefined;
  /** The same, by what holds it; undefined where /proc is not available. */
  mappedMemory(): MappedMemory | undefined;
  /** The inspector's WebSocket address, when the server was started with `inspect`. */
  readonly inspectorUrl: string | undefined;
  /** Quorum's data directory (the others keep nothing on disk). */
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
}

/** How any of the servers is started. */
export interface StartOptions {
  /** Starts node with `--inspect=127.0.0.1:0`, so that the memory benchmark can read the heap from inside and force a collection. */
  readonly inspect?: boolean;
}

export interface QuorumOptions extends StartOptions {
  /** False starts the server with QUORUM_UNSAFE_DISABLE_GUARD=1, to measure what the guard costs. */
  readonly guard: boolean;
  /** Extra command-line flags, e.g. raised per-connection limits. */
  readonly flags?: readonly string[];
  /** Where its data directory goes. */
  readonly disk: DataDisk;
  /** Runs `sync-server/cli.ts` under the tsx loader, as in development, instead of the bundle `npm run sync-server` runs. */
  readonly viaTsx?: boolean;
}

const startTimeoutMs = 60_000;
const stopTimeoutMs = 10_000;
/** Linux reports process CPU time in ticks of 1/100 s (USER_HZ). */
const ticksPerSecond = 100;

function cpuOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user + system) ? ((user + system) * 1000) / ticksPerSecond : undefined;
  } catch {
    return undefined;
  }
}

function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Math.round((Number(match[1]) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** Children still running: killed if the benchmark process exits early, so no server outlives it. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Resolves with the first stdout line matching `pattern`, or rejects when the process exits or times out first. */
function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => finish(new Error(`${what} did not start within ${startTimeoutMs} ms: ${output}${errors}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(pattern);
      if (match) finish(undefined, match);
    };
    const onError = (chunk: Buffer) => {
      errors += chunk.toString();
    };
    const onExit = (code: number | null) => finish(new Error(`${what} exited with ${code} before listening: ${output}${errors}`));
    const finish = (error: Error | undefined, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match as RegExpMatchArray);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onError);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Where the servers' builds go: inside the repository, where they find the npm packages they leave out. */
const buildDir = join(repoRoot, 'dist', 'bench');
let quorumBundle: Promise<string> | undefined;

/** The bundle `npm run sync-server` builds and runs, built once per benchmark run. */
function quorumEntry(): Promise<string> {
  quorumBundle ??= buildSyncServer(repoRoot, join(buildDir, 'sync-server'));
  return quorumBundle;
}

interface Started {
  readonly url: string;
  readonly documentUrl: ServerProcess['documentUrl'];
  readonly inspectorUrl: string | undefined;
  readonly dataDir?: string;
}

function processOf(kind: ServerKind, child: ChildProcess, started: Started, stop: () => Promise<void>): ServerProcess {
  const protocol = kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';
  return {
    kind,
    protocol,
    url: started.url,
    documentUrl: started.documentUrl,
    inspectorUrl: started.inspectorUrl,
    dataDir: started.dataDir,
    target: (docName, token) => ({ url: started.documentUrl(docName, token), protocol, docName }),
    cpuMs: () => cpuOf(child.pid),
    rssMiB: () => rssOf(child.pid),
    mappedMemory: () => mappedMemoryOf(child.pid),
    stop,
  };
}

const inspectFlags = (options: StartOptions) => (options.inspect ? ['--inspect=127.0.0.1:0'] : []);

/** The inspector's address, which node prints on stderr before it runs anything else. */
function inspectorUrlOf(child: ChildProcess, options: StartOptions): Promise<string | undefined> {
  if (!options.inspect) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Debugger listening on (ws:\/\/\S+)/.exec(output);
      if (!match) return;
      child.stderr?.off('data', onData);
      resolve(match[1]);
    };
    child.stderr?.on('data', onData);
    child.once('exit', () => resolve(undefined));
  });
}

/**
 * Starts Quorum's sync server as `npm run sync-server` does (its bundle on plain node) on a free
 * loopback port with a fresh data directory on `options.disk`.
 */
export async function startQuorumServer(options: QuorumOptions): Promise<ServerProcess> {
  mkdirSync(options.disk.path, { recursive: true });
  const dataDir = mkdtempSync(join(options.disk.path, 'quorum-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['QUORUM_UNSAFE_DISABLE_GUARD'];
  if (!options.guard) env['QUORUM_UNSAFE_DISABLE_GUARD'] = '1';
  // BENCH_CPU_PROF_DIR=<dir> writes a CPU profile of each Quorum server (when it stops) to look at with DevTools.
  const profileDir = process.env['BENCH_CPU_PROF_DIR'];
  const entry = options.viaTsx ? ['--import', 'tsx', 'sync-server/cli.ts'] : [await quorumEntry()];
  const args = [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    ...inspectFlags(options),
    ...entry,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data-dir',
    dataDir,
    '--default-plan',
    'enterprise',
    '--log-level',
    'silent',
    ...(options.flags ?? []),
  ];
  const child = track(spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  const inspectorUrl = inspectorUrlOf(child, options);
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const match = await waitForLine(child, /listening on (http:\/\/\S+)/, 'the Quorum sync server');
    const url = match[1] as string;
    return processOf(
      'quorum',
      child,
      {
        url,
        documentUrl: (docName, token) => `${url.replace(/^http/, 'ws')}/api/v1/sync/${encodeURIComponent(docName)}?token=${encodeURIComponent(token ?? '')}`,
        inspectorUrl: await inspectorUrl,
        dataDir,
      },
      stop,
    );
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A free loopback port: the reference server prints the port it was given, not the one it got, so it cannot take 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface PlainServer {
  readonly kind: Exclude<ServerKind, 'quorum'>;
  readonly what: string;
  /** The script and its arguments, given the port it is to listen on. */
  readonly args: (port: number) => string[];
  readonly env: (port: number) => NodeJS.ProcessEnv;
  /** What it prints once it listens. */
  readonly ready: RegExp;
  readonly documentUrl: (port: number) => ServerProcess['documentUrl'];
}

/** Starts one of the servers Quorum is compared with on a free loopback port. */
async function startPlainServer(server: PlainServer, options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, [...inspectFlags(options), ...server.args(port)], {
      cwd: repoRoot,
      env: { ...process.env, ...server.env(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const inspectorUrl = inspectorUrlOf(child, options);
  try {
    await waitForLine(child, server.ready, server.what);
    return processOf(server.kind, child, { url: `http://127.0.0.1:${port}`, documentUrl: server.documentUrl(port), inspectorUrl: await inspectorUrl }, () => stopChild(child));
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** Starts the reference server of y-websocket@2 (`bin/server.cjs`): no authorization, no durable storage. */
export function startReferenceServer(options: StartOptions = {}): Promise<ServerProcess> {
  const require = createRequire(import.meta.url);
  const script = join(dirname(require.resolve('y-websocket-reference/package.json')), 'bin', 'server.cjs');
  return startPlainServer(
    {
      kind: 'y-websocket',
      what: 'the y-websocket reference server',
      args: () => [script],
      env: (port) => ({ HOST: '127.0.0.1', PORT: String(port) }),
      ready: /running at/,
      // The reference server names a document by the raw path, as the provider writes it.
      documentUrl: (port) => (docName) => `ws://127.0.0.1:${port}/${docName}`,
    },
    options,
  );
}

let hocuspocusEntry: string | undefined;

/** Starts Hocuspocus 3.4 as `support/hocuspocus-server.ts` sets it up (no extensions), compiled, on plain node. */
export function startHocuspocusServer(options: StartOptions = {}): Promise<ServerProcess> {
  const entry = (hocuspocusEntry ??= compileForNode(join(repoRoot, 'test', 'bench', 'support', 'hocuspocus-server.ts'), repoRoot, join(buildDir, 'hocuspocus')));
  return startPlainServer(
    {
      kind: 'hocuspocus',
      what: 'the Hocuspocus server',
      args: (port) => [entry, String(port)],
      env: () => ({ NODE_PATH: join(repoRoot, 'node_modules') }),
      ready: /hocuspocus listening/,
      // One socket may carry several documents; each message names its own.
      documentUrl: (port) => () => `ws://127.0.0.1:${port}`,
    },
    options,
  );
}
