import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AppEventName, AppEventPayload } from '../../shared/app-api/app-api-contract';
import { fail } from '../../shared/app-api/app-result';
import type { SocketEvent, SocketReply } from '../../shared/app-api/web-protocol';
import { appSocketProtocol, secretFragmentKey, SocketCall } from '../../shared/app-api/web-protocol';
import type { Dispatch } from '../app-api/dispatch';
import { securityHeaders } from '../static/content-security-policy';
import { resolveStaticPath } from '../static/static-files';
import { createLaunchSecret } from './launch-secret';
import { checkHost, checkUpgrade, ownHost, ownOrigin } from './socket-guard';

export interface WebShellOptions {
  readonly dispatch: Dispatch;
  /** The built renderer (or the placeholder page) to serve. */
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Given by tests; a fresh one is made for every launch otherwise. */
  readonly secret?: string;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface WebShell {
  readonly port: number;
  readonly origin: string;
  readonly secret: string;
  /** The address to open in a browser, with the secret in the fragment (never sent over the network). */
  readonly openUrl: string;
  /** The event sink of the app services: every connected page hears it. */
  emit<E extends AppEventName>(event: E, payload: AppEventPayload<E>): void;
  close(): Promise<void>;
}

/** Documents of up to 64 MiB cross as base64, with room for the JSON around them. */
const maxMessageBytes = 96 * 1024 * 1024;

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${String(status)} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/**
 * The web shell: the renderer for a browser, on 127.0.0.1 only, and the app API over a WebSocket at
 * `/app-api` that only a page of this shell holding this launch's secret can open.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const secret = options.secret ?? createLaunchSecret();
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  let port = 0;
  const sockets = new Set<WebSocket>();

  const serveFile = (request: IncomingMessage, response: ServerResponse) => {
    const headers = securityHeaders([`ws://${ownHost(port)}`]);
    const send = (status: number, text: string) => {
      response.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : text);
    };
    if (!checkHost(request.headers.host, port).ok) return send(403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(405, 'Method not allowed');
    }
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    const found = resolveStaticPath(options.rendererDir, pathname);
    if (found.status !== 200) return send(found.status, found.status === 404 ? 'Not found' : found.status === 403 ? 'Forbidden' : 'Bad request');
    response.writeHead(200, { ...headers, 'content-type': found.contentType, 'cache-control': 'no-cache' });
    if (request.method === 'HEAD') return response.end();
    createReadStream(found.path)
      .on('error', (error) => {
        log('Reading a renderer file failed.', error);
        response.destroy();
      })
      .pipe(response);
  };

  const server = createServer(serveFile);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: maxMessageBytes,
    // Answers with the app's subprotocol only: the secret is never echoed back.
    handleProtocols: () => appSocketProtocol,
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(
      {
        url: request.url,
        host: request.headers.host,
        origin: request.headers.origin,
        protocols: request.headers['sec-websocket-protocol'],
      },
      port,
      secret,
    );
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason === 'unknown path' ? 'Not Found' : 'Forbidden');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      const reply = (message: SocketReply) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
      };
      if (isBinary) return ws.close(1003, 'text messages only');
      let call: SocketCall;
      try {
        const parsed = SocketCall.safeParse(JSON.parse(String(data)));
        if (!parsed.success) return reply({ id: null, result: fail('bad_request', 'A call is {id, method, input}.') });
        call = parsed.data;
      } catch {
        return reply({ id: null, result: fail('bad_request', 'A call must be JSON.') });
      }
      void options.dispatch(call.method, call.input).then((result) => reply({ id: call.id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = ownOrigin(port);

  return {
    port,
    origin,
    secret,
    openUrl: `${origin}/#${secretFragmentKey}=${secret}`,
    emit(event, payload) {
      const text = JSON.stringify({ event, payload } satisfies SocketEvent);
      for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
