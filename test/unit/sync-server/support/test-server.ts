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
    request: (method, path, options = {}) => apiRequest(url, method, path, options),
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function apiRequest<T = unknown>(
  url: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
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
  const response = await fetch(`${url}/api/v1${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text: a non-JSON answer is itself something a test may assert on.
  }
  return { status: response.status, body: parsed as T };
}
