import { appSocketPath, appSocketProtocol, secretProtocolPrefix } from '../../shared/app-api/web-protocol';
import { secretMatches } from './launch-secret';

/** What the guard needs from an upgrade request. */
export interface UpgradeRequest {
  readonly url: string | undefined;
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly protocols: string | undefined;
}

export type SocketVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 400 | 401 | 403 | 404; readonly reason: string };

/** The shell's own address as a browser names it: `127.0.0.1:PORT`. */
export function ownHost(port: number): string {
  return `127.0.0.1:${String(port)}`;
}

export function ownOrigin(port: number): string {
  return `http://${ownHost(port)}`;
}

/** The subprotocols a page offered, as the comma-separated header carries them. */
export function offeredProtocols(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

function presentedSecret(header: string | undefined): string | undefined {
  return offeredProtocols(header)
    .find((protocol) => protocol.startsWith(secretProtocolPrefix))
    ?.slice(secretProtocolPrefix.length);
}

/**
 * Whether an HTTP request may be served at all: its Host must be the shell's own address. A page
 * elsewhere that points a name of its own at 127.0.0.1 (DNS rebinding) arrives with that name.
 */
export function checkHost(host: string | undefined, port: number): SocketVerdict {
  return host === ownHost(port) ? { ok: true } : { ok: false, status: 403, reason: 'unexpected Host' };
}

/**
 * Whether a WebSocket upgrade may become an API connection: the right path and Host, an Origin
 * that is exactly the shell's own (so no other page the browser has open, and no other local
 * program posing as a page, can drive the app), the app's subprotocol, and this launch's secret.
 */
export function checkUpgrade(request: UpgradeRequest, port: number, secret: string): SocketVerdict {
  const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
  if (path !== appSocketPath) return { ok: false, status: 404, reason: 'unknown path' };
  const host = checkHost(request.host, port);
  if (!host.ok) return host;
  if (request.origin !== ownOrigin(port)) return { ok: false, status: 403, reason: 'foreign or missing Origin' };
  if (!offeredProtocols(request.protocols).includes(appSocketProtocol)) return { ok: false, status: 400, reason: 'missing subprotocol' };
  if (!secretMatches(secret, presentedSecret(request.protocols))) return { ok: false, status: 401, reason: 'missing or wrong launch secret' };
  return { ok: true };
}
