import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { extractText } from '../../main/knowledge/extract-text';
import { makePdf } from '../fixtures/make-pdf';
import { startTestServer } from '../unit/sync-server/support/test-server';
import { createWorld } from '../unit/sync-server/support/world';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';
import { seededRandom } from '../unit/support/seeded-random';
import { Vocabulary } from './support/synthetic-text';

export interface KnowledgeIndexingOptions {
  readonly pages: number;
  /** Lines of about 80 characters per page: a dense page of a handbook. */
  readonly linesPerPage: number;
  readonly runs: number;
  readonly seed: number;
}

export const defaultKnowledgeIndexingOptions: KnowledgeIndexingOptions = { pages: 100, linesPerPage: 40, runs: 5, seed: 20_261_205 };

export interface KnowledgeIndexingResult {
  readonly pages: number;
  readonly pdfBytes: number;
  readonly textCharacters: number;
  readonly runs: number;
  /** Text extraction in the desktop app's Node side (pdf.js), per upload. */
  readonly extractMs: Summary;
  /** The store request: the server chunks the text and writes it with its FTS5 index in one transaction. */
  readonly storeMs: Summary;
  /** Upload to searchable, extraction and store together. */
  readonly totalMs: Summary;
  readonly pagesPerSecondAtP50: number;
  /** A word from the last page, searched once indexed: the newest text is found. */
  readonly searchFindsLastPage: boolean;
}

function pageLines(vocabulary: Vocabulary, random: () => number, lines: number): string[] {
  return Array.from({ length: lines }, () => {
    let line = '';
    while (line.length < 75) line += `${vocabulary.sample(random)} `;
    return line.trim();
  });
}

/**
 * Time to index a 100-page PDF: generated here (seeded text, one Helvetica text page each), its
 * text extracted as an upload does, then stored through the real server on loopback, which chunks
 * and indexes it in one transaction; each run stores a new document, so the index grows.
 */
export async function measureKnowledgeIndexing(options: KnowledgeIndexingOptions = defaultKnowledgeIndexingOptions): Promise<KnowledgeIndexingResult> {
  const random = seededRandom(options.seed);
  const vocabulary = new Vocabulary(random, 5_000);
  const pages = Array.from({ length: options.pages }, (_, page) => [
    `Page ${String(page + 1)}`,
    ...pageLines(vocabulary, random, options.linesPerPage - 1),
  ]);
  pages[options.pages - 1]?.push('The closing page names the zyxquorum marker.');
  const pdf = makePdf(pages);
  const server = await startTestServer();
  try {
    const world = await createWorld(server);
    const owner = world.as('owner');
    const base = (await owner('POST', '/knowledge-bases', { body: { name: 'Bench', owner: { kind: 'project', projectId: world.projectId } } })).body as { id: string };
    const config = (await owner('GET', `/projects/${world.projectId}/config`)).body as { config: Record<string, unknown> };
    await owner('PUT', `/projects/${world.projectId}/config`, { body: { ...config.config, knowledgeBaseIds: [base.id] } });
    const extract: number[] = [];
    const store: number[] = [];
    const total: number[] = [];
    let characters = 0;
    for (let run = 0; run < options.runs; run += 1) {
      const started = performance.now();
      const text = await extractText('pdf', pdf, 'handbook.pdf');
      const extracted = performance.now();
      const answer = await owner('POST', `/knowledge-bases/${base.id}/documents`, { body: { path: `runs/${String(run)}/handbook.pdf`, content: text } });
      const stored = performance.now();
      if (answer.status !== 201) throw new Error(`storing answered ${String(answer.status)}: ${JSON.stringify(answer.body)}`);
      characters = text.length;
      extract.push(extracted - started);
      store.push(stored - extracted);
      total.push(stored - started);
    }
    const search = await owner('GET', `/projects/${world.projectId}/knowledge/search?q=zyxquorum`);
    const hits = (search.body as { items: { passage: string }[] }).items;
    const totalMs = summarize(total, 1);
    return {
      pages: options.pages,
      pdfBytes: pdf.byteLength,
      textCharacters: characters,
      runs: options.runs,
      extractMs: summarize(extract, 1),
      storeMs: summarize(store, 1),
      totalMs,
      pagesPerSecondAtP50: round(options.pages / (totalMs.p50 / 1000), 0),
      searchFindsLastPage: hits.length === options.runs && hits.every((hit) => hit.passage.includes('zyxquorum')),
    };
  } finally {
    await server.dispose();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await measureKnowledgeIndexing(), null, 2));
}
