import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '../../sync-server/support/sync-client';

const root = join(import.meta.dirname, '../../../..');

/**
 * Runs a TypeScript script in its own Node process until it prints its first line, then kills it
 * with SIGKILL, as a crash or a power cut would. Answers that line; fails with the script's errors
 * when it exits first or says nothing in time.
 */
export async function killAfterFirstLine(script: string, args: readonly string[], what: string, timeoutMs = 30_000): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  try {
    await waitFor(() => output.includes('\n') || child.exitCode !== null, timeoutMs, what);
  } catch (error) {
    throw new Error(`${String(error)}: ${errors}`);
  } finally {
    child.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the process ended by itself (${String(signal)}) before it was killed: ${output} ${errors}`);
  return output.slice(0, output.indexOf('\n'));
}
