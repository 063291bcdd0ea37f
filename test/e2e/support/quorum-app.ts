import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatch } from '../../../main/app-api/dispatch';
import { createAppServices } from '../../../main/app/app-services';
import type { AppServices } from '../../../main/app/app-services';
import { localModules } from '../../../main/app/local-modules';
import { createFileSecretStore } from '../../../main/session/file-secret-store';
import { openLocalDatabase } from '../../../main/store/local-database';
import { startWebShell } from '../../../main/web/web-shell';
import type { WebShell } from '../../../main/web/web-shell';
import { rendererBuildDir } from './renderer-dir';

export interface QuorumApp {
  readonly dir: string;
  readonly services: AppServices;
  readonly shell: WebShell;
  /** The address a browser opens, with this launch's secret in the fragment. */
  readonly url: string;
  close(): Promise<void>;
}

export interface QuorumAppOptions {
  /** The sync server this app treats as embedded (first run creates its account there); null for none. */
  readonly embeddedUrl: string | null;
  /** The built renderer to serve; the e2e build unless given (benchmarks build their own). */
  readonly rendererDir?: string;
  /** Shows the first-run setup an app that founds its organization offers; otherwise it is marked done. */
  readonly firstRun?: boolean;
  /** The knowledge upload size limit, in bytes; the default unless given. */
  readonly maxKnowledgeUploadBytes?: number;
}

/**
 * One desktop app as `npm start` wires it in the web shell, with its own data directory: the
 * app services over the real local modules, and the web shell serving the built renderer.
 */
export async function startQuorumApp(options: QuorumAppOptions): Promise<QuorumApp> {
  const dir = mkdtempSync(join(tmpdir(), 'quorum-e2e-app-'));
  mkdirSync(join(dir, 'desktop'), { recursive: true });
  const db = openLocalDatabase(join(dir, 'desktop', 'quorum.sqlite'));
  let shell: WebShell | null = null;
  const services = createAppServices({
    db,
    secrets: createFileSecretStore(join(dir, 'desktop', 'secrets.json')),
    modules: localModules,
    embeddedUrl: options.embeddedUrl,
    emit: (event, payload) => shell?.emit(event, payload),
    log: () => undefined,
    ...(options.maxKnowledgeUploadBytes === undefined ? {} : { maxKnowledgeUploadBytes: options.maxKnowledgeUploadBytes }),
  });
  shell = await startWebShell({
    dispatch: createDispatch(services.handlers, () => undefined),
    rendererDir: options.rendererDir ?? rendererBuildDir,
    log: () => undefined,
  });
  await services.start();
  await services.settled();
  if (options.firstRun !== true && (await services.handlers['settings.get']({})).setupDone === false) {
    await services.handlers['settings.set']({ setupDone: true });
  }
  const started = shell;
  return {
    dir,
    services,
    shell: started,
    url: started.openUrl,
    async close() {
      await started.close();
      await services.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
