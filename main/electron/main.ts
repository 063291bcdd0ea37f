import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import type { AppEventName, AppEventPayload } from '../../shared/app-api/app-api-contract';
import { appMethodNames } from '../../shared/app-api/app-api-contract';
import { appEventChannel, invokeChannel } from '../../shared/app-api/app-bridge';
import { fail } from '../../shared/app-api/app-result';
import { createDispatch } from '../app-api/dispatch';
import { createAppServices } from '../app/app-services';
import { localModules } from '../app/local-modules';
import { createFileSecretStore } from '../session/file-secret-store';
import { createSafeStorageSecretStore, withMigrationFrom } from '../session/safe-storage-secret-store';
import type { SecretStore } from '../session/secret-store';
import { contentSecurityPolicy } from '../static/content-security-policy';
import { openLocalDatabase } from '../store/local-database';
import { userDataDir } from '../user-data-dir';
import { answerAppRequest } from './app-protocol';
import { appEntryUrl, appOrigin, appScheme, isAllowedNavigation, permissionDecision, windowOpenDecision } from './navigation-policy';
import { isTrustedSender } from './sender-check';
import { knowledgeUploadLimit } from '../knowledge/upload-limit';

/*
 * The Electron shell. `npm start` runs it with the embedded server's address in
 * QUORUM_EMBEDDED_URL and the renderer's directory in QUORUM_RENDERER_DIR; the preload sits next
 * to this file once bundled (`main/build-electron.ts`).
 */

const dataDir = userDataDir();
const rendererDir = process.env['QUORUM_RENDERER_DIR'] ?? join(import.meta.dirname, '..', '..', 'renderer');
const embeddedUrl = process.env['QUORUM_EMBEDDED_URL'] ?? null;
const trusted = { origin: appOrigin, webContentsIds: new Set<number>() };

// Chromium's own profile lives beside the app's data, not in Electron's default folder.
app.setPath('userData', join(dataDir, 'electron'));
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

/** Encrypted with the OS keychain when there is one; the 0600 file otherwise (a Linux desktop without a keyring). */
function secretStore(): SecretStore {
  const file = createFileSecretStore(join(dataDir, 'desktop', 'secrets.json'));
  const plainTextBackend = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || plainTextBackend) {
    console.warn('No OS keychain is available: secrets are kept in a file only this user can read.');
    return file;
  }
  return withMigrationFrom(createSafeStorageSecretStore(safeStorage, join(dataDir, 'desktop', 'secrets.enc.json')), file);
}

function lockDown(): void {
  const policy = contentSecurityPolicy();
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(permissionDecision()));
  session.defaultSession.setPermissionCheckHandler(() => permissionDecision());
  protocol.handle(appScheme, async (request) => {
    const answer = await answerAppRequest(rendererDir, request.url, request.method);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const { action, external } = windowOpenDecision(url);
    if (external !== null) void shell.openExternal(external);
    return { action };
  });
});

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Quorum',
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const id = window.webContents.id;
  trusted.webContentsIds.add(id);
  window.on('closed', () => trusted.webContentsIds.delete(id));
  window.once('ready-to-show', () => window.show());
  return window;
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id };
}

async function main(): Promise<void> {
  await app.whenReady();
  lockDown();
  const db = openLocalDatabase(join(dataDir, 'desktop', 'quorum.sqlite'));
  const windows: BrowserWindow[] = [];
  const emit = <E extends AppEventName>(event: E, payload: AppEventPayload<E>) => {
    for (const window of windows) if (!window.isDestroyed()) window.webContents.send(appEventChannel, event, payload);
  };
  const services = createAppServices({ db, secrets: secretStore(), modules: localModules, embeddedUrl, emit, maxKnowledgeUploadBytes: knowledgeUploadLimit(process.env) });
  const dispatch = createDispatch(services.handlers, (error) => console.error('An app API call failed.', error));
  for (const method of appMethodNames) {
    ipcMain.handle(invokeChannel(method), (event, input: unknown) => {
      if (!isTrustedSender(senderOf(event), trusted)) return fail('forbidden', 'Not allowed from this frame.');
      return dispatch(method, input);
    });
  }
  await services.start();

  const window = createWindow();
  windows.push(window);
  await window.loadURL(appEntryUrl);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Held until the sync has stopped and the database is closed, so nothing is cut mid-write.
    event.preventDefault();
    quitting = true;
    void services.stop().finally(() => {
      db.close();
      app.quit();
    });
  });
}

main().catch((error: unknown) => {
  console.error('Quorum could not start.', error);
  app.exit(1);
});
