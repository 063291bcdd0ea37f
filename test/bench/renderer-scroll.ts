import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import type * as Y from 'yjs';
import { documentName } from '../../shared/sync/document-name';
import { needsBuild } from '../../main/launch/renderer-build';
import { startQuorumApp } from '../e2e/support/quorum-app';
import { rendererSourceDir } from '../e2e/support/renderer-dir';
import { startTestServer } from '../unit/sync-server/support/test-server';
import { connect } from '../unit/sync-server/support/sync-client';
import { userMessage } from './support/messages';
import { percentile, round } from './support/stats';

/*
 * The renderer with a long conversation, in Debian's Chromium against the real app (web shell,
 * app services, sync server): time from opening a conversation of `messages` messages to its
 * first rows on screen, and frame times while it is scrolled from top to bottom at a constant
 * speed. `npx tsx test/bench/renderer-scroll.ts` prints one JSON document on stdout.
 */

export interface RendererScrollOptions {
  readonly messages: number;
  /** Cold opens, each in a freshly loaded page. */
  readonly opens: number;
  /** The scroll from top to bottom is paced to take about this long. */
  readonly scrollSeconds: number;
  /** Never scroll for longer than this, whatever the list's height. */
  readonly maxScrollMs: number;
  readonly viewport: { readonly width: number; readonly height: number };
}

export const defaultRendererScrollOptions: RendererScrollOptions = {
  messages: 10_000,
  opens: 3,
  scrollSeconds: 20,
  maxScrollMs: 60_000,
  viewport: { width: 1280, height: 800 },
};

export interface FrameSummary {
  readonly frames: number;
  /** The display's frame interval as measured while idle: the budget a frame is judged against. */
  readonly frameBudgetMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Frames that should have been drawn but were not: a 50 ms gap at 60 Hz is two dropped frames. */
  readonly droppedFrames: number;
  readonly droppedPercent: number;
  /** Tasks over 50 ms on the main thread while scrolling. */
  readonly longTasks: number;
}

export interface RendererScrollResult {
  readonly messages: number;
  readonly seedMs: number;
  /** Opening the conversation (a click in the project) to the first frame with message rows in view. */
  readonly firstMeaningfulPaintMs: { readonly runs: readonly number[]; readonly median: number };
  /** Message rows in the document once open: the rest are not drawn. */
  readonly rowsDrawn: number;
  readonly scroll: FrameSummary & {
    readonly scrolledPx: number;
    readonly speedPxPerSecond: number;
    readonly reachedEnd: boolean;
    readonly durationMs: number;
  };
  readonly chromium: string;
}

export const password = 'correct horse battery staple';
export const benchRendererDir = join(import.meta.dirname, '..', '..', 'dist', 'renderer-bench');
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Builds the renderer for the bench with the build's own output on stderr, so stdout stays JSON. */
export function buildRendererQuietly(): void {
  if (!needsBuild(rendererSourceDir, benchRendererDir)) return;
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', rendererSourceDir, '--outDir', relative(rendererSourceDir, benchRendererDir), '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`The renderer build failed (exit code ${String(result.status)}).`);
}

export async function rest<T>(url: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(`${url}/api/v1${path}`, { method, headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${String(response.status)} ${text}`);
  return JSON.parse(text) as T;
}

const words = 'the plan for the launch needs a short checklist a clear owner for each step and a note on what could go wrong'.split(' ');
function sentence(i: number): string {
  const length = 4 + ((i * 7919) % 23);
  return Array.from({ length }, (_, k) => words[(i + k * 31) % words.length]).join(' ');
}

/** Writes every message in one transaction: one update of the whole conversation, sent over y-websocket. */
export async function seedConversation(url: string, token: string, userId: string, conversationId: string, count: number): Promise<void> {
  const client = connect(url, documentName('conversation', conversationId), token);
  try {
    await client.synced();
    const messages = client.doc.getArray<Y.Map<unknown>>('messages');
    const start = Date.parse('2026-01-05T09:00:00.000Z');
    client.doc.transact(() => {
      messages.insert(
        0,
        Array.from({ length: count }, (_, i) => userMessage(userId, `${String(i + 1)}. ${sentence(i)}`, 'complete', new Date(start + i * 60_000).toISOString())),
      );
    });
    await client.storedAll(60_000);
    if (client.refusals.length > 0) throw new Error(`The server refused the seed: ${client.refusals.join('; ')}`);
  } finally {
    client.destroy();
  }
}

export async function signIn(page: Page, serverUrl: string, email: string): Promise<void> {
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Navigation' }).waitFor();
}

/** Clicks the conversation and waits, frame by frame, for the first frame with message rows in view. */
async function openAndTime(page: Page, title: string): Promise<{ ms: number; rows: number }> {
  await page.getByRole('button', { name: title, exact: true }).waitFor();
  return page.evaluate(
    (name) =>
      new Promise<{ ms: number; rows: number }>((resolve, reject) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
        if (button === undefined) return reject(new Error('no conversation button'));
        const t0 = performance.now();
        button.click();
        const check = () => {
          const log = document.querySelector('[role="log"][aria-label="Messages"]');
          const rows = log?.querySelectorAll('.message-text') ?? [];
          const box = log?.getBoundingClientRect();
          const inView = box !== undefined && [...rows].some((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom > box.top && b.top < box.bottom && (r.textContent ?? '') !== '';
          });
          if (inView) {
            // The frame being prepared now is the first to paint them.
            performance.mark('first-messages-painted');
            resolve({ ms: performance.now() - t0, rows: rows.length });
          } else if (performance.now() - t0 > 60_000) reject(new Error('no message rows within 60 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    title,
  );
}

interface RawScroll {
  idle: number[];
  deltas: number[];
  longTasks: number;
  scrolledPx: number;
  reachedEnd: boolean;
  durationMs: number;
  pxPerFrame: number;
}

/** Scrolls the message list from its top to its bottom, a fixed distance each frame, recording frame intervals. */
async function scrollAndTime(page: Page, scrollSeconds: number, maxScrollMs: number): Promise<RawScroll> {
  return page.evaluate(
    ({ seconds, maxMs }) =>
      new Promise<RawScroll>((resolve) => {
        const el = document.querySelector<HTMLElement>('[role="log"][aria-label="Messages"]');
        if (el === null) throw new Error('no message list');
        const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));
        void (async () => {
          el.scrollTop = 0;
          // Let the top rows render and be measured, then sample the idle frame interval.
          for (let i = 0; i < 10; i++) await nextFrame();
          const idle: number[] = [];
          let previous = await nextFrame();
          for (let i = 0; i < 30; i++) {
            const t = await nextFrame();
            idle.push(t - previous);
            previous = t;
          }
          let longTasks = 0;
          const observer = new PerformanceObserver((list) => {
            longTasks += list.getEntries().length;
          });
          observer.observe({ type: 'longtask' });
          const pxPerFrame = Math.max(16, el.scrollHeight / (seconds * 60));
          const deltas: number[] = [];
          const start = await nextFrame();
          let last = start;
          let reachedEnd = false;
          for (;;) {
            el.scrollTop += pxPerFrame;
            const t = await nextFrame();
            deltas.push(t - last);
            last = t;
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) {
              reachedEnd = true;
              break;
            }
            if (t - start > maxMs) break;
          }
          observer.disconnect();
          resolve({ idle, deltas, longTasks, scrolledPx: el.scrollTop, reachedEnd, durationMs: last - start, pxPerFrame });
        })();
      }),
    { seconds: scrollSeconds, maxMs: maxScrollMs },
  );
}

export function summarizeFrames(raw: Pick<RawScroll, 'idle' | 'deltas' | 'longTasks'>): FrameSummary {
  const idleSorted = [...raw.idle].sort((a, b) => a - b);
  const budget = percentile(idleSorted, 50) || 1000 / 60;
  const sorted = [...raw.deltas].sort((a, b) => a - b);
  // A frame counts as dropped for each whole budget it overran by more than half a budget.
  const dropped = raw.deltas.reduce((sum, d) => sum + Math.max(0, Math.round(d / budget) - 1), 0);
  return {
    frames: raw.deltas.length,
    frameBudgetMs: round(budget, 2),
    p50Ms: round(percentile(sorted, 50), 2),
    p95Ms: round(percentile(sorted, 95), 2),
    p99Ms: round(percentile(sorted, 99), 2),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
    droppedFrames: dropped,
    droppedPercent: round((100 * dropped) / Math.max(1, raw.deltas.length + dropped), 2),
    longTasks: raw.longTasks,
  };
}

/** Runs the whole measurement: its own server, app, data and browser, all closed at the end. */
export async function measureRendererScroll(options: RendererScrollOptions = defaultRendererScrollOptions): Promise<RendererScrollResult> {
  buildRendererQuietly();
  const server = await startTestServer({ syncMaxMessageBytes: 64 * 1024 * 1024, bodyLimit: 8 * 1024 * 1024 });
  const app = await startQuorumApp({ embeddedUrl: null, rendererDir: benchRendererDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const email = 'reader@bench.test';
    await rest(server.url, 'POST', '/auth/signup', { email, password, displayName: 'Bench reader', organizationName: 'Bench' });
    const owner = await rest<{ token: string; user: { id: string } }>(server.url, 'POST', '/auth/login', { email, password });
    const project = await rest<{ id: string }>(server.url, 'POST', '/projects', { name: 'Long history' }, owner.token);
    const title = 'Ten thousand messages';
    const conversation = await rest<{ id: string }>(server.url, 'POST', `/projects/${project.id}/conversations`, { title, kind: 'shared' }, owner.token);
    const seedStart = performance.now();
    await seedConversation(server.url, owner.token, owner.user.id, conversation.id, options.messages);
    const seedMs = performance.now() - seedStart;
    log(`seeded ${String(options.messages)} messages in ${seedMs.toFixed(0)} ms`);

    const page = await browser.newPage({ viewport: options.viewport });
    // tsx compiles the page functions below with esbuild's name-keeping helper; the page needs it too.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(app.url);
    await signIn(page, server.url, email);

    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < options.opens; i++) {
      if (i > 0) await page.reload();
      await page.getByRole('button', { name: /^Long history/ }).click();
      const open = await openAndTime(page, title);
      runs.push(round(open.ms, 1));
      rows = open.rows;
      log(`open ${String(i + 1)}: first messages painted after ${open.ms.toFixed(1)} ms (${String(open.rows)} rows drawn)`);
    }
    const raw = await scrollAndTime(page, options.scrollSeconds, options.maxScrollMs);
    const frames = summarizeFrames(raw);
    log(`scroll: ${String(frames.frames)} frames, p50 ${String(frames.p50Ms)} ms, p95 ${String(frames.p95Ms)} ms, p99 ${String(frames.p99Ms)} ms, ${String(frames.droppedFrames)} dropped`);
    const sortedRuns = [...runs].sort((a, b) => a - b);
    return {
      messages: options.messages,
      seedMs: round(seedMs, 0),
      firstMeaningfulPaintMs: { runs, median: percentile(sortedRuns, 50) },
      rowsDrawn: rows,
      scroll: {
        ...frames,
        scrolledPx: Math.round(raw.scrolledPx),
        speedPxPerSecond: Math.round((raw.pxPerFrame * 1000) / frames.frameBudgetMs),
        reachedEnd: raw.reachedEnd,
        durationMs: round(raw.durationMs, 0),
      },
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    await app.close();
    await server.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureRendererScroll()
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    });
}
