import type { AppTransport } from '../../shared/app-api/app-api-client';
import { appBridgeKey } from '../../shared/app-api/app-bridge';
import type { AppBridge } from '../../shared/app-api/app-bridge';
import { appSocketPath, createSocketTransport, secretFragmentKey, socketProtocols } from '../../shared/app-api/web-protocol';

/** Where a reload finds the web shell's secret once the fragment has been removed from the address bar. */
const secretStorageKey = 'quorum.launchSecret';

/** The secret from `#secret=…`, moved into this tab's session storage and out of the visible address. */
function takeSecret(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromFragment = fragment.get(secretFragmentKey);
  if (fromFragment !== null && /^[0-9a-f]{16,256}$/.test(fromFragment)) {
    sessionStorage.setItem(secretStorageKey, fromFragment);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromFragment;
  }
  return sessionStorage.getItem(secretStorageKey);
}

function webSocketTransport(secret: string): Promise<AppTransport> {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}${appSocketPath}`, socketProtocols(secret));
  const textListeners = new Set<(text: string) => void>();
  const closeListeners = new Set<() => void>();
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') for (const listener of textListeners) listener(event.data);
  });
  socket.addEventListener('close', () => {
    for (const listener of closeListeners) listener();
  });
  const transport = createSocketTransport({
    send: (text) => socket.send(text),
    onText: (listener) => textListeners.add(listener),
    onClose: (listener) => closeListeners.add(listener),
  });
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(transport), { once: true });
    socket.addEventListener('error', () => reject(new Error('The app did not accept this page. Open the address Quorum printed.')), { once: true });
  });
}

/** Electron's preload bridge when present; otherwise the web shell's socket with this launch's secret. */
export async function chooseTransport(): Promise<AppTransport> {
  const bridge = (window as unknown as Record<string, AppBridge | undefined>)[appBridgeKey];
  if (bridge !== undefined) return bridge;
  const secret = takeSecret();
  if (secret === null) throw new Error('This page was opened without its launch secret. Open the address Quorum printed.');
  return webSocketTransport(secret);
}
