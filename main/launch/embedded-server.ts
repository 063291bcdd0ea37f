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

/** The line the sync server prints once it listens, with its address. */
const listening = /listening on (http:\/\/\S+)/;

/**
 * Waits for this child's own "listening on" line. Polling the port instead would be fooled by
 * another process already holding it (a second `npm start`), while ours exits with EADDRINUSE.
 */
function waitUntilListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdout = child.stdout;
    if (stdout === null) return reject(new Error('The sync server has no output to read.'));
    const lines = createInterface({ input: stdout });
    let ready = false;
    const timer = setTimeout(() => reject(new Error(`The sync server did not start within ${String(timeoutMs / 1000)} s.`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`The sync server exited during start (exit code ${String(code)}); is its port already in use?`));
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
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let url: string;
  try {
    url = await waitUntilListening(child, 30_000);
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
