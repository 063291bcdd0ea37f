import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEventName } from '../../shared/app-api/app-api-contract';
import type { Project } from '../../shared/domain/project';
import { createAppServices } from '../../main/app/app-services';
import { localModules } from '../../main/app/local-modules';
import { createFileSecretStore } from '../../main/session/file-secret-store';
import { openLocalDatabase } from '../../main/store/local-database';
import type { BenchWorld } from './support/bench-world';
import { rest } from './support/bench-world';
import type { ServerProcess } from './support/server-process';
import { summarize } from './support/stats';
import type { Summary } from './support/stats';

export interface LiveDirectoryOptions {
  /** Renames, and role changes, each timed one after another. */
  readonly trials: number;
  /** The longest one trial may take before the run counts it as lost. */
  readonly trialTimeoutMs: number;
}

export interface LiveDirectoryResult {
  readonly trials: number;
  /** From the owner's rename request to the member's app holding the new name and emitting `directory.changed`, in ms. */
  readonly renameMs: Summary;
  /** From the owner's role change request to the member's app holding the new role (what every control decides by), in ms. */
  readonly roleChangeMs: Summary;
  /** Trials that did not arrive within `trialTimeoutMs`. */
  readonly lost: number;
}

/** The benchmark world's owner and the member whose app is watched, as `createBenchWorld` made them. */
const ownerEmail = 'owner@bench.test';
const memberEmail = 'reader1@bench.test';
const password = 'correct horse battery staple';

/**
 * A rename of a project by its owner reaching another member's running app, and a change of that
 * member's role reaching it: the desktop's real app services (the local replica, the document sync
 * over the real sync socket) in this process, the server in its own. Each trial starts with the
 * REST request and ends when the app, told by the server on a socket it holds, has pulled the change
 * and says so (`directory.changed`) with the new state readable: what the renderer reads next.
 */
export async function measureLiveDirectory(server: ServerProcess, world: BenchWorld, options: LiveDirectoryOptions): Promise<LiveDirectoryResult> {
  const owner = await rest<{ token: string }>(server.url, 'POST', '/auth/login', { email: ownerEmail, password });
  const member = world.subscribers[1];
  if (member?.role !== 'member') throw new Error('the bench world’s second reader is a member');
  const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-live-'));
  const db = openLocalDatabase(join(dir, 'quorum.sqlite'));
  const waiters = new Set<() => void>();
  const app = createAppServices({
    db,
    secrets: createFileSecretStore(join(dir, 'secrets.json')),
    modules: localModules,
    embeddedUrl: null,
    emit: (event: AppEventName) => {
      if (event === 'directory.changed') for (const check of [...waiters]) check();
    },
    log: () => undefined,
  });
  /** Resolves with the time `holds` first became true at a `directory.changed`, or null after the timeout. */
  const arrival = (holds: () => Promise<boolean>): Promise<number | null> =>
    new Promise((resolve) => {
      const check = () => {
        void holds().then((held) => {
          if (!held || !waiters.has(check)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(performance.now());
        });
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve(null);
      }, options.trialTimeoutMs);
      waiters.add(check);
    });
  const projectName = async () => {
    const { items } = await app.handlers['directory.list']({ kind: 'project' });
    // The replica's projects, as the renderer reads them.
    return (items as Project[]).find((project) => project.id === world.projectId)?.name;
  };
  const role = async () => (await app.handlers['directory.myRoles']({})).projects[world.projectId];
  try {
    await app.start();
    await app.handlers['session.signIn']({ serverUrl: server.url, email: memberEmail, password });
    const ready = Date.now() + 30_000;
    while ((await projectName()) === undefined || !(await app.handlers['sync.state']({})).documents.some((d) => d.status === 'synced')) {
      if (Date.now() > ready) throw new Error('the member’s app did not sync within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rename: number[] = [];
    const roleChange: number[] = [];
    let lost = 0;
    for (let trial = 0; trial < options.trials; trial++) {
      const name = `Bench renamed ${trial}`;
      const renamed = arrival(async () => (await projectName()) === name);
      const renameStart = performance.now();
      await rest(server.url, 'PATCH', `/projects/${world.projectId}`, { name }, owner.token);
      const renameAt = await renamed;
      if (renameAt === null) lost += 1;
      else rename.push(renameAt - renameStart);

      const next = trial % 2 === 0 ? 'viewer' : 'member';
      const changed = arrival(async () => (await role()) === next);
      const roleStart = performance.now();
      await rest(server.url, 'PUT', `/projects/${world.projectId}/members/${member.userId}`, { role: next }, owner.token);
      const roleAt = await changed;
      if (roleAt === null) lost += 1;
      else roleChange.push(roleAt - roleStart);
    }
    return { trials: options.trials, renameMs: summarize(rename, 1), roleChangeMs: summarize(roleChange, 1), lost };
  } finally {
    await app.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
