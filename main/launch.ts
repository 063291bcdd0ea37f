import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDispatch } from './app-api/dispatch';
import { createAppServices } from './app/app-services';
import { localModules } from './app/local-modules';
import { buildElectron } from './build-electron';
import { startEmbeddedServer } from './launch/embedded-server';
import { superviseServer } from './launch/server-supervisor';
import { findElectronBinary } from './launch/electron-binary';
import { buildRenderer, hasRendererApp, needsBuild } from './launch/renderer-build';
import { createFileSecretStore } from './session/file-secret-store';
import { openLocalDatabase } from './store/local-database';
import { userDataDir } from './user-data-dir';
import { writePlaceholder } from './web/placeholder-page';
import { startWebShell } from './web/web-shell';
import { knowledgeUploadLimit } from './knowledge/upload-limit';

/**
 * `npm start`: runs Quorum on this machine. Builds the renderer when its output is missing or
 * stale, starts the embedded sync server, then opens the Electron window where Electron's binary
 * is installed, or else serves the same app to a browser and prints its address. The first
 * organization, user and default project are created on the first run by the app services, in
 * whichever shell runs them, so the account's password goes to that shell's secret store.
 */
const root = join(import.meta.dirname, '..');
const dataDir = userDataDir();
const serverPort = Number(process.env['QUORUM_PORT'] ?? '8787');
const appPort = Number(process.env['QUORUM_APP_PORT'] ?? '0');
/** A sync server already running (another Quorum on this machine): joined instead of starting one. */
const externalUrl = process.env['QUORUM_EMBEDDED_URL']?.replace(/\/+$/, '') || null;

/** The sync server the app uses: its address, and how to stop it when Quorum quits. */
interface LocalServer {
  readonly url: string;
  stop(): Promise<void>;
}
const rendererSource = join(root, 'renderer');
const rendererBuild = join(root, 'dist', 'renderer');

function prepareRenderer(): string | null {
  if (!hasRendererApp(rendererSource)) return null;
  if (needsBuild(rendererSource, rendererBuild)) {
    console.log('Building the renderer…');
    buildRenderer(rendererSource, rendererBuild);
  }
  return rendererBuild;
}

async function runElectron(binary: string, server: LocalServer, rendererDir: string | null): Promise<number> {
  const entry = await buildElectron(root);
  const placeholder = rendererDir ?? writePlaceholder(join(root, 'dist', 'placeholder'), [{ label: 'Sync server', url: server.url }]);
  console.log(`Quorum sync server on ${server.url}; opening the window.`);
  const child = spawn(binary, [entry], {
    stdio: 'inherit',
    env: { ...process.env, QUORUM_EMBEDDED_URL: server.url, QUORUM_RENDERER_DIR: placeholder },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}

async function runWebShell(server: LocalServer, rendererDir: string | null): Promise<number> {
  const desktopDir = join(dataDir, 'desktop');
  mkdirSync(desktopDir, { recursive: true, mode: 0o700 });
  const db = openLocalDatabase(join(desktopDir, 'quorum.sqlite'));
  let shell: Awaited<ReturnType<typeof startWebShell>> | null = null;
  const services = createAppServices({
    db,
    secrets: createFileSecretStore(join(desktopDir, 'secrets.json')),
    modules: localModules,
    embeddedUrl: server.url,
    emit: (event, payload) => shell?.emit(event, payload),
    maxKnowledgeUploadBytes: knowledgeUploadLimit(process.env),
  });
  const placeholderDir = join(root, 'dist', 'placeholder');
  shell = await startWebShell({
    dispatch: createDispatch(services.handlers, (error) => console.error('An app API call failed.', error)),
    rendererDir: rendererDir ?? placeholderDir,
    port: appPort,
  });
  if (rendererDir === null) {
    writePlaceholder(placeholderDir, [
      { label: 'App', url: shell.origin },
      { label: 'Sync server', url: server.url },
    ]);
  }
  await services.start();
  const state = services.session.get();
  console.log(`Quorum sync server on ${server.url} (data in ${dataDir})`);
  if (state.status === 'signed-in') {
    console.log(`Signed in as ${state.user?.email ?? '?'} in ${state.organization?.name ?? '?'} (${state.mode})`);
  } else {
    console.log('Not signed in: sign in from the app.');
  }
  if (rendererDir === null) console.log('The renderer has no app yet: the page says Quorum is starting.');
  console.log('Electron is not installed here, so Quorum runs in your browser. Open:');
  console.log(`  ${shell.openUrl}`);
  console.log('(The address carries this launch’s secret: do not share it. Ctrl+C stops Quorum.)');

  return new Promise((resolve) => {
    const stop = () => {
      void (async () => {
        await shell?.close();
        await services.stop();
        db.close();
        resolve(0);
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

async function startServer(): Promise<LocalServer> {
  if (externalUrl !== null) {
    console.log(`Joining the Quorum sync server at ${externalUrl} (QUORUM_EMBEDDED_URL); sign in or accept an invitation there.`);
    return { url: externalUrl, stop: () => Promise.resolve() };
  }
  const serverDir = join(dataDir, 'sync-server');
  const first = await startEmbeddedServer(root, serverDir, serverPort);
  return superviseServer(first, { start: (port) => startEmbeddedServer(root, serverDir, port), say: (sentence) => console.error(sentence) });
}

async function main(): Promise<number> {
  const rendererDir = prepareRenderer();
  const server = await startServer();
  try {
    const electron = findElectronBinary();
    return electron === null ? await runWebShell(server, rendererDir) : await runElectron(electron, server, rendererDir);
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One plain sentence (a port in use says the way out), never a stack trace.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
