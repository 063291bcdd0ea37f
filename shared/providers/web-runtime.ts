/**
 * The web platform's fetch, streams, text decoding, abort signals, URLs, timers and clock, which Node 20
 * and every browser provide as globals. shared/ is type-checked without the DOM's or Node's
 * typings, so the few members the provider client uses are declared here, in this module only
 * (nothing global is declared), and both runtimes' own types fit them.
 */

export interface WebAbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface WebAbortController {
  readonly signal: WebAbortSignal;
  abort(): void;
}

export interface WebStreamReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(): Promise<void>;
}

export interface WebByteStream {
  getReader(): WebStreamReader;
}

export interface WebResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: WebByteStream | null;
}

export interface WebRequestInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly signal?: WebAbortSignal;
}

export interface WebUrl {
  readonly protocol: string;
  readonly href: string;
}

declare function fetch(url: string, init: WebRequestInit): Promise<WebResponse>;
declare const performance: { now(): number };
declare function setTimeout(run: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
declare class AbortController implements WebAbortController {
  readonly signal: WebAbortSignal;
  abort(): void;
}
declare class TextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare class URL implements WebUrl {
  constructor(input: string);
  readonly protocol: string;
  readonly href: string;
}

export function webFetch(url: WebUrl, init: WebRequestInit): Promise<WebResponse> {
  return fetch(url.href, init);
}

/** Milliseconds from an arbitrary start that never go backwards, unlike the wall clock. */
export function monotonicNow(): number {
  return performance.now();
}

/** Runs `run` after `ms`; the returned function cancels it. */
export function startTimer(run: () => void, ms: number): () => void {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
}

export function createAbortController(): WebAbortController {
  return new AbortController();
}

export interface WebTextDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

export function createTextDecoder(): WebTextDecoder {
  return new TextDecoder();
}

/** Throws a TypeError for text that is not an absolute URL, as the platform's URL does. */
export function parseUrl(text: string): WebUrl {
  return new URL(text);
}
