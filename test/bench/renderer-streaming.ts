import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import type * as Y from 'yjs';
import { documentName } from '../../shared/sync/document-name';
import { startQuorumApp } from '../e2e/support/quorum-app';
import { startTestServer } from '../unit/sync-server/support/test-server';
import { connect } from '../unit/sync-server/support/sync-client';
import { userMessage } from './support/messages';
import { benchRendererDir, buildRendererQuietly, chromiumArgs, password, rest, seedConversation, signIn, summarizeFrames } from './renderer-scroll';
import type { FrameSummary } from './renderer-scroll';

/*
 * Frame times in Chromium while a long Markdown answer with code blocks streams into a conversation
 * of ten thousand messages, in the real renderer against the real app and sync server. A second
 * member's client writes the answer a token at a time, a document update per chunk as a run sends
 * them; the page records requestAnimationFrame intervals from the first token to the last.
 * `npx tsx test/bench/renderer-streaming.ts` prints one JSON document on stdout.
 */

export interface RendererStreamingOptions {
  readonly messages: number;
  readonly tokens: number;
  /** Tokens per document update, and the pause between updates. */
  readonly tokensPerUpdate: number;
  readonly updateGapMs: number;
}

export const defaultRendererStreamingOptions: RendererStreamingOptions = { messages: 10_000, tokens: 2_000, tokensPerUpdate: 4, updateGapMs: 20 };

export interface RendererStreamingResult {
  readonly messages: number;
  readonly tokens: number;
  readonly updates: number;
  readonly frames: FrameSummary;
  /** Characters of the answer drawn when the last update was sent, over the whole answer. */
  readonly drawnAtEnd: number;
  readonly chromium: string;
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A Markdown answer of about `count` tokens (a token is a word or a symbol), with code blocks and a table. */
export function markdownTokens(count: number): string[] {
  const prose = 'the release plan keeps each step small so that a failed deploy is rolled back quickly and nobody waits'.split(' ');
  const tokens: string[] = [];
  let section = 0;
  while (tokens.length < count) {
    section += 1;
    tokens.push(`\n\n## Step ${String(section)}\n\n`);
    for (let i = 0; i < 40; i++) tokens.push(`${prose[(i + section) % prose.length] ?? ''} `);
    tokens.push('\n\n```ts\n', 'export ', 'function ', `step${String(section)}`, '(input: ', 'string', '): ', 'number ', '{\n', '  const ', 'parts ', '= ', 'input.split', "(',');\n", '  return ', 'parts.length', ';\n', '}\n', '```\n\n');
    tokens.push('| Owner | Due |\n', '|---|---|\n', `| Ann | day ${String(section)} |\n\n`);
  }
  return tokens.slice(0, count);
}

export async function measureRendererStreaming(options: RendererStreamingOptions = defaultRendererStreamingOptions): Promise<RendererStreamingResult> {
  buildRendererQuietly();
  const server = await startTestServer({ syncMaxMessageBytes: 64 * 1024 * 1024, bodyLimit: 8 * 1024 * 1024 });
  const app = await startQuorumApp({ embeddedUrl: null, rendererDir: benchRendererDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  try {
    const email = 'streamer@bench.test';
    await rest(server.url, 'POST', '/auth/signup', { email, password, displayName: 'Bench reader', organizationName: 'Bench' });
    const owner = await rest<{ token: string; user: { id: string } }>(server.url, 'POST', '/auth/login', { email, password });
    const project = await rest<{ id: string }>(server.url, 'POST', '/projects', { name: 'Long history' }, owner.token);
    const title = 'Ten thousand messages';
    const conversation = await rest<{ id: string }>(server.url, 'POST', `/projects/${project.id}/conversations`, { title, kind: 'shared' }, owner.token);
    await seedConversation(server.url, owner.token, owner.user.id, conversation.id, options.messages);
    log(`seeded ${String(options.messages)} messages`);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(app.url);
    await signIn(page, server.url, email);
    await page.getByRole('button', { name: /^Long history/ }).click();
    await page.getByRole('button', { name: title, exact: true }).click();
    await page.locator('[role="log"][aria-label="Messages"] .message-text').first().waitFor();

    // The page samples the idle frame interval, then records frames until told to stop.
    await page.evaluate(() => {
      const state = { idle: [] as number[], deltas: [] as number[], longTasks: 0, recording: false, stopped: false };
      (globalThis as unknown as { streamingFrames: typeof state }).streamingFrames = state;
      new PerformanceObserver((list) => {
        if (state.recording) state.longTasks += list.getEntries().length;
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const frame = (t: number) => {
        const delta = t - last;
        last = t;
        if (state.recording) state.deltas.push(delta);
        else if (state.idle.length < 30) state.idle.push(delta);
        if (!state.stopped) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await page.waitForFunction(() => (globalThis as unknown as { streamingFrames: { idle: number[] } }).streamingFrames.idle.length >= 30);

    const writer = connect(server.url, documentName('conversation', conversation.id), owner.token);
    const tokens = markdownTokens(options.tokens);
    let updates = 0;
    try {
      await writer.synced();
      const messages = writer.doc.getArray<Y.Map<unknown>>('messages');
      const answer = userMessage(owner.user.id, '', 'complete');
      messages.push([answer]);
      const text = answer.get('content') as Y.Text;
      await page.evaluate(() => {
        (globalThis as unknown as { streamingFrames: { recording: boolean } }).streamingFrames.recording = true;
      });
      for (let i = 0; i < tokens.length; i += options.tokensPerUpdate) {
        text.insert(text.length, tokens.slice(i, i + options.tokensPerUpdate).join(''));
        updates += 1;
        await new Promise((resolve) => setTimeout(resolve, options.updateGapMs));
      }
      await writer.storedAll(60_000);
    } finally {
      writer.destroy();
    }
    const whole = tokens.join('').length;
    const raw = await page.evaluate(() => {
      const state = (globalThis as unknown as { streamingFrames: { idle: number[]; deltas: number[]; longTasks: number; recording: boolean; stopped: boolean } }).streamingFrames;
      state.recording = false;
      state.stopped = true;
      const drawn = [...document.querySelectorAll('[role="log"][aria-label="Messages"] .message-text')].at(-1)?.textContent?.length ?? 0;
      return { idle: state.idle, deltas: state.deltas, longTasks: state.longTasks, drawn };
    });
    const frames = summarizeFrames(raw);
    log(`streaming: ${String(frames.frames)} frames, p50 ${String(frames.p50Ms)} ms, p99 ${String(frames.p99Ms)} ms, ${String(frames.droppedFrames)} dropped`);
    return { messages: options.messages, tokens: tokens.length, updates, frames, drawnAtEnd: Math.round((100 * raw.drawn) / whole) / 100, chromium: browser.version() };
  } finally {
    await browser.close();
    await app.close();
    await server.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureRendererStreaming()
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      log(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    });
}
