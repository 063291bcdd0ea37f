import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSyncServer } from '../../../../sync-server/server';
import type { SyncServer, SyncServerOptions } from '../../../../sync-server/server';
import type { ServerConfigInput } from '../../../../sync-server/config';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface RequestOptions {
  token?: string | undefined;
  body?: unknown;
  /** A raw body sent as is, for malformed-input tests. */
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  readonly url: string;
  readonly dataDir: string;
  readonly server: SyncServer;
  /**
   * One REST call, through `fastify.inject`: the same routing, body limits, parsing and handlers as
   * a socket, without one (the sync socket and the process tests still use the loopback address).
   */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Stops the server, keeping its data directory. */
  stop(): Promise<void>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/** Starts the real sync server on a free loopback port with its own SQLite data directory. */
export async function startTestServer(config: Partial<ServerConfigInput> = {}, options: SyncServerOptions = {}): Promise<TestServer> {
  const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'quorum-server-'));
  const server = createSyncServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', defaultPlan: 'enterprise', ...config, dataDir }, options);
  const url = await server.listen();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    url,
    dataDir,
    server,
    request: (method, path, options = {}) => injectRequest(server, method, path, options),
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function requestParts(options: RequestOptions): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) {
    body = options.raw;
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  return { headers, body };
}

function parsedBody<T>(text: string): T {
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text: a non-JSON answer is itself something a test may assert on.
  }
  return parsed as T;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
type InjectMethod = (typeof methods)[number];
const injectMethod = (method: string): InjectMethod => {
  const found = methods.find((known) => known === method);
  if (found === undefined) throw new Error(`no such HTTP method in these tests: ${method}`);
  return found;
};

/** A REST call through the server's own router, as `request` makes it. */
export async function injectRequest<T = unknown>(
  server: SyncServer,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const { headers, body } = requestParts(options);
  const response = await server.app.inject({ method: injectMethod(method), url: `/api/v1${path}`, headers, ...(body === undefined ? {} : { payload: body }) });
  return { status: response.statusCode, body: parsedBody<T>(response.body) };
}

/** A REST call over the loopback socket, for a server in another process or where the socket itself is tested. */
export async function apiRequest<T = unknown>(
  url: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const { headers, body } = requestParts(options);
  const response = await fetch(`${url}/api/v1${path}`, { method, headers, body });
  return { status: response.status, body: parsedBody<T>(await response.text()) };
}
