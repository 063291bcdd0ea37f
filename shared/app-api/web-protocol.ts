import { z } from 'zod';
import type { AppEventName, AppMethodName } from './app-api-contract';
import { appEventNames } from './app-api-contract';
import type { AppTransport } from './app-api-client';
import type { AppResult } from './app-result';
import { AppError, fail } from './app-result';

/*
 * The web shell carries the app API over one WebSocket. The page learns the per-launch secret
 * from its URL fragment (`#secret=<hex>`, never sent to any server) and presents it when it opens
 * the socket, as a second WebSocket subprotocol: browsers cannot set headers on a WebSocket, and a
 * subprotocol, unlike a query string, stays out of URLs and logs. The server answers with
 * `appSocketProtocol` only.
 */

export const appSocketPath = '/app-api';
export const appSocketProtocol = 'quorum-app-api';
export const secretProtocolPrefix = 'quorum-secret.';
/** The URL fragment key the secret arrives in: `http://127.0.0.1:PORT/#secret=…`. */
export const secretFragmentKey = 'secret';

const MessageId = z.union([z.string().max(64), z.number().int()]);

/** Page → main: a call. */
export const SocketCall = z.strictObject({ id: MessageId, method: z.string().max(100), input: z.unknown() });
export type SocketCall = z.infer<typeof SocketCall>;

const SocketResult = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: AppError }),
]);

/** Main → page: the answer to a call (`id: null` when the call could not even be read). */
export const SocketReply = z.strictObject({ id: MessageId.nullable(), result: SocketResult });
export type SocketReply = z.infer<typeof SocketReply>;

/** Main → page: an event. */
export const SocketEvent = z.strictObject({ event: z.string(), payload: z.unknown() });
export type SocketEvent = z.infer<typeof SocketEvent>;

/** The two subprotocols a page offers when it opens the socket. */
export function socketProtocols(secret: string): [string, string] {
  return [appSocketProtocol, `${secretProtocolPrefix}${secret}`];
}

/** The smallest socket a transport needs, so the browser's WebSocket and Node's `ws` both fit. */
export interface TextSocket {
  send(text: string): void;
  onText(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
}

function isEventName(name: string): name is AppEventName {
  return (appEventNames as readonly string[]).includes(name);
}

/** An `AppTransport` over a socket speaking this protocol; calls wait for the reply with their id. */
export function createSocketTransport(socket: TextSocket): AppTransport {
  let nextId = 1;
  const pending = new Map<number, (result: AppResult<unknown>) => void>();
  const listeners = new Set<(event: AppEventName, payload: unknown) => void>();
  socket.onText((text) => {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    const reply = SocketReply.safeParse(message);
    if (reply.success) {
      const id = reply.data.id;
      const resolve = typeof id === 'number' ? pending.get(id) : undefined;
      if (typeof id === 'number') pending.delete(id);
      resolve?.(reply.data.result as AppResult<unknown>);
      return;
    }
    const event = SocketEvent.safeParse(message);
    if (event.success && isEventName(event.data.event)) {
      for (const listener of listeners) listener(event.data.event, event.data.payload);
    }
  });
  socket.onClose(() => {
    // Calls in flight will never be answered: each gets a failure rather than waiting forever.
    for (const resolve of pending.values()) resolve(fail('unavailable', 'The connection to the app closed.'));
    pending.clear();
  });
  return {
    invoke(method: AppMethodName, input: unknown) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input: input ?? {} } satisfies SocketCall));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
