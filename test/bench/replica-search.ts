import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Change } from '../../shared/rest/change-endpoints';
import type { IndexedMessage } from '../../main/replica/message-index';
import { Replica } from '../../main/replica/replica';
import { openLocalDatabase } from '../../main/store/local-database';
import { conversationUpsert, organizationUpsert, projectUpsert } from '../unit/main/replica/support/replica-entities';
import { compileForNode } from './support/compile-for-node';
import { round, summarize } from './support/stats';
import type { Summary } from './support/stats';
import { seededRandom } from '../unit/support/seeded-random';
import { Vocabulary } from './support/synthetic-text';

export interface ReplicaSearchOptions {
  readonly messages: number;
  readonly conversations: number;
  readonly projects: number;
  readonly seed: number;
  /** Search queries measured, after `warmup` unmeasured ones. */
  readonly queries: number;
  readonly warmup: number;
  /** Hits asked for per search: the app's default page. */
  readonly limit: number;
  /** Fresh processes started to read the first project list. */
  readonly startRuns: number;
  /** Where generated databases are kept between runs. */
  readonly cacheDir: string;
  /** Build the database again even when a cached one exists. */
  readonly rebuild: boolean;
}

export const defaultReplicaSearchOptions: ReplicaSearchOptions = {
  messages: 1_000_000,
  conversations: 10_000,
  projects: 100,
  seed: 20_250_201,
  queries: 400,
  warmup: 40,
  limit: 50,
  startRuns: 5,
  cacheDir: join(tmpdir(), 'quorum-bench-replica'),
  rebuild: false,
};

const targets = { searchP99Ms: 50, firstProjectListMs: 1000 };
// Bumped whenever the generator or the local schema changes what a cached database holds.
const datasetFormat = 2;
const orgId = 'org_bench000000000001';
const userId = 'usr_bench000000000001';
const benchDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(benchDir, '..', '..');

const idOf = (prefix: 'prj' | 'cnv' | 'msg', n: number) => `${prefix}_${n.toString(36).padStart(16, '0')}`;

interface Dataset {
  readonly path: string;
  readonly built: boolean;
  readonly buildSeconds: number | null;
  readonly bytes: number;
  readonly vocabulary: Vocabulary;
}

function datasetPath(options: ReplicaSearchOptions): string {
  const key = `m${options.messages}-c${options.conversations}-p${options.projects}-s${options.seed}-f${datasetFormat}`;
  return join(options.cacheDir, `replica-${key}.db`);
}

/** Builds the replica the way the app fills it: change-feed pages for the directory, the message index for text. */
function buildDataset(path: string, options: ReplicaSearchOptions, vocabulary: Vocabulary): void {
  const partial = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const db = openLocalDatabase(partial);
  // Nothing here must survive a power cut: an interrupted build is thrown away and started again.
  db.pragma('synchronous = OFF');
  const replica = Replica.open(db, { orgId, userId });
  const random = seededRandom(options.seed);

  const directory: Change[] = [organizationUpsert(orgId, 'Bench')];
  for (let p = 0; p < options.projects; p += 1) directory.push(projectUpsert(orgId, idOf('prj', p), `Project ${p}`));
  const projectOf = (c: number) => idOf('prj', c % options.projects);
  for (let c = 0; c < options.conversations; c += 1) {
    const title = `${vocabulary.sample(random)} ${vocabulary.sample(random)}`;
    directory.push(conversationUpsert(projectOf(c), idOf('cnv', c), title.charAt(0).toUpperCase() + title.slice(1)));
  }
  for (let start = 0; start < directory.length; start += 1000) replica.apply(directory.slice(start, start + 1000), start + 1);

  const perConversation = Math.floor(options.messages / options.conversations);
  const extra = options.messages - perConversation * options.conversations;
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  let messageNumber = 0;
  const batch = 100;
  const indexBatch = db.transaction((first: number) => {
    for (let c = first; c < Math.min(first + batch, options.conversations); c += 1) {
      const count = perConversation + (c < extra ? 1 : 0);
      const messages: IndexedMessage[] = [];
      let at = start + Math.floor(random() * 365 * 86_400_000);
      for (let m = 0; m < count; m += 1) {
        at += Math.floor(random() * 600_000);
        messages.push({ id: idOf('msg', messageNumber), author: userId, createdAt: new Date(at).toISOString(), text: vocabulary.sentence(random) });
        messageNumber += 1;
      }
      replica.messages.index(idOf('cnv', c), projectOf(c), messages);
    }
  });
  for (let c = 0; c < options.conversations; c += batch) indexBatch(c);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(partial, path);
}

function prepareDataset(options: ReplicaSearchOptions): Dataset {
  mkdirSync(options.cacheDir, { recursive: true });
  const path = datasetPath(options);
  // The vocabulary is derived from the seed alone, so queries match a cached database too.
  const vocabulary = new Vocabulary(seededRandom(options.seed ^ 0x5eed));
  let built = false;
  let buildSeconds: number | null = null;
  if (options.rebuild || !existsSync(path)) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    const began = performance.now();
    buildDataset(path, options, vocabulary);
    built = true;
    buildSeconds = round((performance.now() - began) / 1000, 1);
  }
  return { path, built, buildSeconds, bytes: statSync(path).size, vocabulary };
}

type QueryKind = 'common' | 'mid' | 'rare' | 'two-words';

function queryMix(vocabulary: Vocabulary, count: number, seed: number): { kind: QueryKind; text: string }[] {
  const random = seededRandom(seed);
  const words = vocabulary.words;
  const pick = (from: number, to: number) => words[from + Math.floor(random() * (to - from))] ?? '';
  const kinds: QueryKind[] = ['common', 'mid', 'rare', 'two-words'];
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length] as QueryKind;
    switch (kind) {
      case 'common':
        return { kind, text: pick(0, 30) };
      case 'mid':
        return { kind, text: pick(200, 3000) };
      case 'rare':
        return { kind, text: pick(10_000, words.length) };
      case 'two-words':
        return { kind, text: `${pick(0, 200)} ${pick(200, 5000)}` };
    }
  });
}

function measureSearch(dataset: Dataset, options: ReplicaSearchOptions) {
  const db = openLocalDatabase(dataset.path);
  try {
    const replica = Replica.open(db, { orgId, userId });
    const random = seededRandom(options.seed + 1);
    const queries = queryMix(dataset.vocabulary, options.warmup + options.queries, options.seed + 2);
    const byKind = new Map<QueryKind, number[]>();
    const all: number[] = [];
    const hits: number[] = [];
    queries.forEach((query, i) => {
      const projectId = idOf('prj', Math.floor(random() * options.projects));
      const began = performance.now();
      const found = replica.messages.search(projectId, query.text, options.limit);
      const elapsed = performance.now() - began;
      if (found.some((hit) => !hit.conversationId.startsWith('cnv_'))) throw new Error('a hit without a conversation');
      if (i < options.warmup) return;
      all.push(elapsed);
      hits.push(found.length);
      const list = byKind.get(query.kind) ?? [];
      list.push(elapsed);
      byKind.set(query.kind, list);
    });
    const latencyMs = summarize(all);
    return {
      queries: all.length,
      limit: options.limit,
      latencyMs,
      byKindMs: Object.fromEntries([...byKind].map(([kind, values]) => [kind, summarize(values)])) as Record<QueryKind, Summary>,
      meanHits: round(hits.reduce((sum, n) => sum + n, 0) / Math.max(1, hits.length), 1),
      targetP99Ms: targets.searchP99Ms,
      meetsTarget: latencyMs.p99 < targets.searchP99Ms,
    };
  } finally {
    db.close();
  }
}

interface StartRun {
  readonly projects: number;
  readonly msSinceProcessStart: number;
  readonly spawnToOutputMs: number;
}

function firstListOnce(args: readonly string[], env: NodeJS.ProcessEnv): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let spawnToOutputMs: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      spawnToOutputMs ??= performance.now() - began;
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || spawnToOutputMs === undefined) {
        reject(new Error(`first-project-list exited with ${code}: ${stderr}`));
        return;
      }
      const answer = JSON.parse(stdout) as { projects: number; msSinceProcessStart: number };
      resolve({ ...answer, spawnToOutputMs });
    });
  });
}

async function startRuns(count: number, args: readonly string[], env: NodeJS.ProcessEnv) {
  const runs: StartRun[] = [];
  for (let i = 0; i < count; i += 1) runs.push(await firstListOnce(args, env));
  return {
    projects: runs[0]?.projects ?? 0,
    /** Inside the child: from its process start (performance.timeOrigin) to the list in hand. */
    msSinceProcessStart: summarize(runs.map((run) => run.msSinceProcessStart), 1),
    /** Seen from here: from spawning the process to its first output. */
    spawnToOutputMs: summarize(runs.map((run) => run.spawnToOutputMs), 1),
  };
}

/**
 * Fresh processes open the existing database and read the project list with the app's code:
 * compiled to JavaScript first (as a packaged app runs), and through tsx (as `npm start` runs,
 * compiling TypeScript while loading). The target applies to the compiled form.
 */
async function measureFirstList(dataset: Dataset, options: ReplicaSearchOptions) {
  const script = join(benchDir, 'support', 'first-project-list.ts');
  const outDir = mkdtempSync(join(options.cacheDir, 'compiled-'));
  try {
    const compiled = compileForNode(script, repoRoot, outDir);
    const nodePath = { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') };
    const plain = await startRuns(options.startRuns, [compiled, dataset.path, orgId, userId], nodePath);
    const viaTsx = await startRuns(options.startRuns, ['--import', 'tsx', script, dataset.path, orgId, userId], process.env);
    return {
      runs: options.startRuns,
      compiled: plain,
      tsx: viaTsx,
      targetMs: targets.firstProjectListMs,
      meetsTarget: plain.spawnToOutputMs.max < targets.firstProjectListMs,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * A replica of 1,000,000 messages in 10,000 conversations over 100 projects: project-scoped search
 * latency (target p99 under 50 ms) and the time from a fresh process's start to the first project
 * list read from the local database (target under 1 s). The generated database is cached by its
 * parameters; `rebuild` makes it again.
 */
export async function runReplicaSearchBenchmark(overrides: Partial<ReplicaSearchOptions> = {}): Promise<object> {
  const options = { ...defaultReplicaSearchOptions, ...overrides };
  const dataset = prepareDataset(options);
  const search = measureSearch(dataset, options);
  const firstProjectList = await measureFirstList(dataset, options);
  return {
    benchmark: 'replica-search',
    dataset: {
      messages: options.messages,
      conversations: options.conversations,
      projects: options.projects,
      seed: options.seed,
      path: dataset.path,
      databaseMiB: round(dataset.bytes / 2 ** 20, 1),
      builtThisRun: dataset.built,
      buildSeconds: dataset.buildSeconds,
    },
    search,
    firstProjectList,
    targets,
    meetsTargets: search.meetsTarget && firstProjectList.meetsTarget,
  };
}

function numberFlag(name: string): number | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : Number(arg.slice(name.length + 3));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: { -readonly [K in keyof ReplicaSearchOptions]?: ReplicaSearchOptions[K] } = { rebuild: process.argv.includes('--rebuild') };
  for (const name of ['messages', 'conversations', 'projects', 'queries'] as const) {
    const value = numberFlag(name);
    if (value !== undefined) overrides[name] = value;
  }
  console.log(JSON.stringify(await runReplicaSearchBenchmark(overrides), null, 2));
}
