import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface EmbeddedServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** The port asked for is held by another program: said in one sentence, with the ways out. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Port ${String(port)} is already in use on this computer (another Quorum, or another program). ` +
        `Start Quorum on another port with QUORUM_PORT=${String(port + 1)} npm start, or join the Quorum already there with QUORUM_EMBEDDED_URL=http://127.0.0.1:${String(port)} npm start.`,
    );
    this.name = 'PortInUseError';
  }
}

/** The line the sync server prints once it listens, with its address. */
const listening = /listening on (http:\/\/\S+)/;

/**
 * Waits for this child's own "listening on" line. Polling the port instead would be fooled by
 * another process already holding it (a second `npm start`), while ours exits with EADDRINUSE.
 */
function waitUntilListening(child: ChildProcess, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdout = child.stdout;
    if (stdout === null) return reject(new Error('The sync server has no output to read.'));
    const lines = createInterface({ input: stdout });
    let ready = false;
    // Its error output is held until it listens: a failed start is told in one sentence, not a stack trace.
    const held: string[] = [];
    if (child.stderr !== null) {
      createInterface({ input: child.stderr }).on('line', (line) => {
        if (ready) process.stderr.write(`${line}\n`);
        else held.push(line);
      });
    }
    const timer = setTimeout(() => reject(new Error(`The sync server did not start within ${String(timeoutMs / 1000)} s.`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (ready) return;
      // The error lines may still be on their way; the exit is read after them.
      setImmediate(() => {
        if (held.some((line) => line.includes('EADDRINUSE'))) return reject(new PortInUseError(port));
        reject(new Error(`The sync server exited during start (exit code ${String(code)}): ${held.find((line) => line.trim() !== '') ?? 'it said nothing'}`));
      });
    });
    lines.on('line', (line) => {
      const found = ready ? null : listening.exec(line);
      if (found?.[1] !== undefined) {
        ready = true;
        clearTimeout(timer);
        resolve(found[1].replace(/\/+$/, ''));
      } else {
        // Its warnings and errors still reach the terminal.
        process.stdout.write(`${line}\n`);
      }
    });
  });
}

/**
 * Starts the sync server as its own process on 127.0.0.1 (the desktop side never links the
 * server's code), with its data in `dataDir` and the enterprise plan, so one person has every
 * feature, and waits until it listens.
 */
export async function startEmbeddedServer(root: string, dataDir: string, port: number): Promise<EmbeddedServer> {
  const require = createRequire(import.meta.url);
  const child = spawn(
    process.execPath,
    [
      '--import',
      require.resolve('tsx'),
      join(root, 'sync-server', 'cli.ts'),
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--default-plan',
      'enterprise',
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let url: string;
  try {
    url = await waitUntilListening(child, port, 30_000);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
