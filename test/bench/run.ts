import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { measureBurst } from './burst';
import type { BurstOptions, BurstResult } from './burst';
import { measureFanOut } from './fan-out-latency';
import type { FanOutOptions, FanOutResult } from './fan-out-latency';
import { measureGuardCost } from './guard-cost';
import type { GuardCase, GuardCostOptions } from './guard-cost';
import { idleRss, measureMemory } from './memory';
import type { MemoryOptions, MemoryResult } from './memory';
import { measureRestUnderLoad } from './rest-under-load';
import type { RestUnderLoadOptions, RestUnderLoadResult } from './rest-under-load';
import { measureRendererScroll } from './renderer-scroll';
import { runReplicaSearchBenchmark } from './replica-search';
import { createBenchWorld, referenceWorld } from './support/bench-world';
import type { BenchWorld } from './support/bench-world';
import { dataDisk, fsyncLatency, memoryDisk } from './support/data-disk';
import { inTurn } from './support/in-turn';
import { machineInfo } from './support/machine';
import { repoRoot, startHocuspocusServer, startQuorumServer, startReferenceServer } from './support/server-process';
import type { ServerKind, ServerProcess, StartOptions } from './support/server-process';
import { median, ratio as ratioOf, round } from './support/stats';
import { measureThroughput } from './throughput';
import { measureRendererStreaming } from './renderer-streaming';
import { measureKnowledgeIndexing } from './knowledge-indexing';
import { measureAnswerWrites } from './answer-writes';
import { measureLiveDirectory } from './live-directory';
import type { LiveDirectoryResult } from './live-directory';
import type { ThroughputResult, ThroughputWorkload } from './throughput';

/*
 * `npm run bench`: the benchmarks, on loopback only: the sync server's, side by side with
 * y-websocket@2's reference server and Hocuspocus 3.4; the local replica's search and start-up;
 * and the renderer's first paint and scrolling in Chromium. Servers run in child processes on plain
 * node (Quorum as `npm run sync-server` runs it: its bundle), clients in this one, so every server
 * is measured the same way; the servers take turns, run after run, so that load coming and going on
 * the machine falls on all of them. Quorum's data directory is on a real disk, so that it pays the
 * fsync every stored batch costs. Prints one JSON document on stdout and writes it to
 * bench-results/<timestamp>.json; a short summary goes to stderr. Every loop is bounded in count
 * and in time. Exits 1 only if a benchmark could not run; missed targets are in the document.
 *
 * `npm run bench -- --quick` runs every benchmark once and smaller, to try the bench itself; its
 * figures are not the ones the targets name. `--only=fanOut,memory` runs only the benchmarks named
 * (guardCost, fanOut, throughput, restUnderLoad, burst, memory, replicaSearch, rendererScroll, rendererStreaming, knowledgeIndexing, answerWrites, liveDirectory).
 */

const sectionNames = ['guardCost', 'fanOut', 'throughput', 'restUnderLoad', 'burst', 'memory', 'replicaSearch', 'rendererScroll', 'rendererStreaming', 'knowledgeIndexing', 'answerWrites', 'liveDirectory'] as const;
type Section = (typeof sectionNames)[number];
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArgument = argv.find((a) => a.startsWith('--only='));
const only = onlyArgument === undefined ? null : new Set(onlyArgument.slice('--only='.length).split(','));
for (const name of only ?? []) if (!(sectionNames as readonly string[]).includes(name)) throw new Error(`--only: no benchmark named ${name}; there are ${sectionNames.join(', ')}`);
const selected = (section: Section) => only === null || only.has(section);

/** Raised so that a benchmark measures the server, not its limits: each is said in the report next to what it applies to. */
const noMessageLimits = ['--sync-messages-per-second', '1000000', '--sync-message-burst', '1000000', '--sync-user-messages-per-second', '1000000', '--sync-user-message-burst', '1000000'];

const plan = {
  guardCost: (quick
    ? { sizes: [1_000, 20_000], warmupCalls: 500, calls: 1_000, rounds: 2, maxRoundMs: 1_000 }
    : { sizes: [1_000, 5_000, 20_000, 50_000], warmupCalls: 2_000, calls: 3_000, rounds: 6, maxRoundMs: 2_000 }) satisfies GuardCostOptions,
  fanOut: {
    /** 50 subscribers, one writer at 200 messages a second, open loop: latency at light load. */
    light: { subscribers: 50, messages: 550, warmup: 80, ratePerSecond: 200, gapMs: 0, perMessageTimeoutMs: 5_000, maxRunMs: 10_000 } satisfies FanOutOptions,
    /** 1,000 subscribers, one message at a time: latency of a large fan-out. */
    large: { subscribers: quick ? 200 : 1_000, messages: 60, warmup: 10, gapMs: 20, perMessageTimeoutMs: 10_000, maxRunMs: 30_000 } satisfies FanOutOptions,
    /** Each server runs both this many times, the servers taking turns; the medians count. */
    repetitions: quick ? 1 : 3,
    /** Distinct accounts behind the subscribers; at 1,000 each has 20 connections, like 20 open devices. */
    subscriberAccounts: 50,
    quorumFlags: [] as string[],
  },
  /** Answers of 500 and 1,000 tokens, streamed at once and paced (2 ms per token, some 400 tokens a second). */
  answerWrites: [
    { tokens: 500, tokenGapMs: 0 },
    { tokens: 1_000, tokenGapMs: 0 },
    { tokens: 500, tokenGapMs: 2 },
    { tokens: 1_000, tokenGapMs: 2 },
  ],
  throughput: {
    workload: { writers: 4, subscribers: 8, window: 64, chunkChars: 8, updatesPerMessage: 100, warmupMs: 1_000, measureMs: quick ? 1_500 : 2_000, drainTimeoutMs: 15_000 } satisfies ThroughputWorkload,
    /** Each configuration runs this many times, interleaved, and the median counts: other load on the machine comes and goes. */
    repetitions: quick ? 1 : 5,
    /** The defaults allow 500 messages a second per connection and 1,000 per user; a writer here sends many more. */
    quorumFlags: noMessageLimits,
  },
  restUnderLoad: { sockets: quick ? 1_000 : 5_000, documents: 100, writes: quick ? 50 : 200 } satisfies RestUnderLoadOptions,
  /** A rename, then a role change, by the owner, each reaching a member's running app: 20 of each. */
  liveDirectory: { trials: quick ? 5 : 20, trialTimeoutMs: 10_000 },
  burst: {
    options: { documents: 8, subscribersPerDocument: 10, updatesPerWriter: 3_000, drainTimeoutMs: 30_000 } satisfies BurstOptions,
    /** Each server takes the burst this many times, the servers taking turns; the target reads the worst. */
    repetitions: quick ? 1 : 2,
    /** 3,000 messages at once are over the per-connection burst (2,000) by design: lifted, to measure the batches. */
    quorumFlags: noMessageLimits,
  },
  memory: {
    options: { documents: quick ? 50 : 200, charactersPerDocument: 20_000, settleAfterUnloadMs: 3_000 } satisfies MemoryOptions,
    quorumFlags: ['--sync-idle-unload-ms', '500'],
  },
};

const targets = {
  fanOutP99Ms: 25,
  /** Quorum's p50 at light load, storing and guarding, at most this multiple of y-websocket's. */
  fanOutP50ToReference: 1.3,
  restP99Ms: 50,
  burstGapMs: 100,
  guardCpuOverheadPercent: 15,
  guardUs: 100,
  /** "Flat": the cost at 20k or 50k messages is at most this multiple of the cost at 1k. */
  guardFlatRatio: 1.5,
  answerUpdates500: 20,
  liveDirectoryP99Ms: 1_000,
};

const serverKinds: readonly ServerKind[] = ['quorum', 'y-websocket', 'hocuspocus'];

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The parts of the replica benchmark's report that targets are read from. */
interface ReplicaReport {
  readonly search: { readonly latencyMs: { readonly p99: number }; readonly meetsTarget: boolean };
  readonly firstProjectList: { readonly compiled: { readonly spawnToOutputMs: { readonly max: number } }; readonly meetsTarget: boolean };
}

interface Target {
  readonly name: string;
  readonly target: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly met: boolean;
}

const errors: { benchmark: string; error: string }[] = [];

async function attempt<T>(benchmark: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push({ benchmark, error: message });
    log(`  ${benchmark} failed: ${message}`);
    return undefined;
  }
}

async function withServer<T>(start: () => Promise<ServerProcess>, use: (server: ServerProcess) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

const both = (a: number | null | undefined, b: number | null | undefined, f: (a: number, b: number) => number) =>
  a !== null && a !== undefined && b !== null && b !== undefined ? f(a, b) : null;

/** `uptime`'s line: the machine is shared, and the load averages say how much with whom. */
function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const disk = dataDisk(repoRoot);
  const machine = { ...machineInfo(), dataDisk: disk };
  log(`Quorum sync benchmarks on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
  const uptimeAtStart = uptime();
  log(`${uptimeAtStart} (other people's work shares this machine's CPUs: every wall-clock figure moves with it)`);
  log(`data directories in ${disk.path} (${disk.filesystem} on ${disk.device})`);
  if (disk.filesystem === 'tmpfs') errors.push({ benchmark: 'dataDisk', error: `${disk.path} is on tmpfs: fsync costs nothing there` });
  const fsync = fsyncLatency(disk.path);
  log(`  a 4 KiB write + fdatasync there: p50 ${fsync.p50} ms, p99 ${fsync.p99} ms`);
  if (quick) log('--quick: every benchmark once and smaller; the figures are not the ones the targets name');

  const start = (kind: ServerKind, flags: readonly string[] = [], guard = true, options: StartOptions = {}): Promise<ServerProcess> =>
    kind === 'quorum' ? startQuorumServer({ guard, flags, disk, ...options }) : kind === 'y-websocket' ? startReferenceServer(options) : startHocuspocusServer(options);
  const worldOf = (server: ServerProcess, counts: { writers: number; subscribers: number }): Promise<BenchWorld> =>
    server.kind === 'quorum' ? createBenchWorld(server.url, counts) : Promise.resolve(referenceWorld(counts));

  log('fan-out latency, the servers taking turns…');
  const fdLimit = Number(machine.openFileLimit);
  const largeFits = !Number.isFinite(fdLimit) || fdLimit >= plan.fanOut.large.subscribers + 256;
  if (!largeFits) errors.push({ benchmark: 'fanOut.large', error: `ulimit -n is ${fdLimit}: raise it above ${plan.fanOut.large.subscribers + 256} to run 1,000 subscribers` });
  const fanOutRuns: Record<ServerKind, { light: FanOutResult[]; large: FanOutResult[] }> = {
    quorum: { light: [], large: [] },
    'y-websocket': { light: [], large: [] },
    hocuspocus: { light: [], large: [] },
  };
  // Quorum once more with its data in memory, light load only: the disk's share of its latency.
  const inMemory = memoryDisk();
  const quorumInMemoryLight: FanOutResult[] = [];
  for (let repetition = 0; selected('fanOut') && repetition < plan.fanOut.repetitions; repetition++) {
    for (const kind of inTurn(repetition, [...serverKinds, 'quorum in memory' as const])) {
      if (kind === 'quorum in memory') {
        if (!inMemory) continue;
        await attempt('fanOut.quorumInMemory', () =>
          withServer(
            () => startQuorumServer({ guard: true, flags: plan.fanOut.quorumFlags, disk: inMemory }),
            async (server) => {
              const light = await measureFanOut(server, await worldOf(server, { writers: 1, subscribers: plan.fanOut.subscriberAccounts }), plan.fanOut.light);
              quorumInMemoryLight.push(light);
              log(`  quorum, data on ${inMemory.filesystem} (not the target's figure), 50 at 200/s: p50 ${light.latencyMs.p50} ms, p99 ${light.latencyMs.p99} ms, missing ${light.missing}`);
            },
          ),
        );
        continue;
      }
      await attempt(`fanOut.${kind}`, () =>
        withServer(
          () => start(kind, plan.fanOut.quorumFlags),
          async (server) => {
            const world = await worldOf(server, { writers: 1, subscribers: plan.fanOut.subscriberAccounts });
            const light = await measureFanOut(server, world, plan.fanOut.light);
            fanOutRuns[kind].light.push(light);
            log(`  ${kind}, 50 at 200/s: p50 ${light.latencyMs.p50} ms, p99 ${light.latencyMs.p99} ms, missing ${light.missing}`);
            if (!largeFits) return;
            const large = await measureFanOut(server, world, plan.fanOut.large);
            fanOutRuns[kind].large.push(large);
            log(`  ${kind}, 1000: p50 ${large.latencyMs.p50} ms, p99 ${large.latencyMs.p99} ms, missing ${large.missing}`);
          },
        ),
      );
    }
  }
  const fanOutMedians = Object.fromEntries(
    serverKinds.map((kind) => {
      const runs = fanOutRuns[kind];
      return [
        kind,
        {
          light: { p50Ms: median(runs.light.map((r) => r.latencyMs.p50)), p99Ms: median(runs.light.map((r) => r.latencyMs.p99)), cpuMsPerMessage: median(runs.light.flatMap((r) => r.serverCpuMsPerMessage ?? [])) },
          large: { p50Ms: median(runs.large.map((r) => r.latencyMs.p50)), p99Ms: median(runs.large.map((r) => r.latencyMs.p99)), cpuMsPerMessage: median(runs.large.flatMap((r) => r.serverCpuMsPerMessage ?? [])) },
        },
      ];
    }),
  ) as Record<ServerKind, { light: { p50Ms: number | null; p99Ms: number | null; cpuMsPerMessage: number | null }; large: { p50Ms: number | null; p99Ms: number | null; cpuMsPerMessage: number | null } }>;
  const lightP50ToReference = ratioOf(fanOutMedians.quorum.light.p50Ms, fanOutMedians['y-websocket'].light.p50Ms);
  const lightP50ToHocuspocus = ratioOf(fanOutMedians.quorum.light.p50Ms, fanOutMedians.hocuspocus.light.p50Ms);
  const quorumInMemoryLightP50Ms = median(quorumInMemoryLight.map((r) => r.latencyMs.p50));
  const inMemoryP50ToReference = ratioOf(quorumInMemoryLightP50Ms, fanOutMedians['y-websocket'].light.p50Ms);
  const largeP99ToReference = ratioOf(fanOutMedians.quorum.large.p99Ms, fanOutMedians['y-websocket'].large.p99Ms);

  log('throughput, the configurations taking turns…');
  const workload = plan.throughput.workload;
  const accounts = { writers: workload.writers, subscribers: workload.subscribers };
  const configurations = {
    quorumGuardOn: () => withServer(() => start('quorum', plan.throughput.quorumFlags, true), async (server) => measureThroughput(server, await worldOf(server, accounts), workload, true)),
    quorumGuardOff: () => withServer(() => start('quorum', plan.throughput.quorumFlags, false), async (server) => measureThroughput(server, await worldOf(server, accounts), workload, false)),
    yWebsocket: () => withServer(() => start('y-websocket'), async (server) => measureThroughput(server, await worldOf(server, accounts), workload, null)),
    hocuspocus: () => withServer(() => start('hocuspocus'), async (server) => measureThroughput(server, await worldOf(server, accounts), workload, null)),
  };
  type Configuration = keyof typeof configurations;
  const runs: Record<Configuration, ThroughputResult[]> = { quorumGuardOn: [], quorumGuardOff: [], yWebsocket: [], hocuspocus: [] };
  const configurationNames = Object.keys(configurations) as Configuration[];
  for (let repetition = 0; selected('throughput') && repetition < plan.throughput.repetitions; repetition++) {
    for (const name of inTurn(repetition, configurationNames)) {
      const result = await attempt(`throughput.${name}`, configurations[name]);
      if (!result) continue;
      runs[name].push(result);
      log(`  ${name}: ${result.receivedPerSubscriberPerSecond} updates/s per subscriber (server CPU ${result.serverCpuUtilization}, ${result.serverCpuUsPerUpdate} µs per update)`);
    }
  }
  const medianOf = (name: Configuration, pick: (r: ThroughputResult) => number | null) => {
    const value = median(runs[name].map(pick).filter((v): v is number => v !== null));
    return value === null ? null : round(value, 1);
  };
  const perSecond = (r: ThroughputResult) => r.receivedPerSubscriberPerSecond;
  const cpuPerUpdate = (r: ThroughputResult) => r.serverCpuUsPerUpdate;
  const throughputMedian = Object.fromEntries(configurationNames.map((name) => [name, medianOf(name, perSecond)])) as Record<Configuration, number | null>;
  const cpuMedian = Object.fromEntries(configurationNames.map((name) => [name, medianOf(name, cpuPerUpdate)])) as Record<Configuration, number | null>;
  const guardOverheadPercent = both(throughputMedian.quorumGuardOn, throughputMedian.quorumGuardOff, (on, off) => round(((off - on) / off) * 100, 1));
  // The guard's cost as the server pays it: CPU per update with it and without it. The wall-clock
  // figure above hides most of it, as the clients and the disk, not the server, set the pace.
  const guardCpuUsPerUpdate = both(cpuMedian.quorumGuardOn, cpuMedian.quorumGuardOff, (on, off) => round(on - off, 1));
  const guardCpuOverheadPercent = both(cpuMedian.quorumGuardOn, cpuMedian.quorumGuardOff, (on, off) => round(((on - off) / on) * 100, 1));
  const quorumToReference = both(throughputMedian.quorumGuardOn, throughputMedian.yWebsocket, (q, r) => round(q / r, 3));
  const quorumToHocuspocus = both(throughputMedian.quorumGuardOn, throughputMedian.hocuspocus, (q, h) => round(q / h, 3));
  const quorumToReferenceByCpu = both(cpuMedian.quorumGuardOn, cpuMedian.yWebsocket, (q, r) => round(r / q, 3));
  const quorumToHocuspocusByCpu = both(cpuMedian.quorumGuardOn, cpuMedian.hocuspocus, (q, h) => round(h / q, 3));

  log(`REST writes with ${plan.restUnderLoad.sockets.toLocaleString('en')} sync sockets open (Quorum)…`);
  const restUnderLoad: RestUnderLoadResult | undefined = !selected('restUnderLoad')
    ? undefined
    : await attempt('restUnderLoad', () =>
        withServer(
          () => start('quorum'),
          async (server) => measureRestUnderLoad(server, await worldOf(server, { writers: 1, subscribers: plan.fanOut.subscriberAccounts }), plan.restUnderLoad),
        ),
      );
  if (restUnderLoad) log(`  without sockets p99 ${restUnderLoad.withoutSocketsMs.p99} ms; with ${restUnderLoad.sockets} p50 ${restUnderLoad.withSocketsMs.p50} ms, p99 ${restUnderLoad.withSocketsMs.p99} ms`);

  log('a rename and a role change reaching another member’s running app (Quorum)…');
  const liveDirectory: LiveDirectoryResult | undefined = !selected('liveDirectory')
    ? undefined
    : await attempt('liveDirectory', () =>
        withServer(
          () => start('quorum'),
          async (server) => measureLiveDirectory(server, await worldOf(server, { writers: 1, subscribers: 2 }), plan.liveDirectory),
        ),
      );
  if (liveDirectory) log(`  rename p50 ${liveDirectory.renameMs.p50} ms, p99 ${liveDirectory.renameMs.p99} ms; role change p50 ${liveDirectory.roleChangeMs.p50} ms, p99 ${liveDirectory.roleChangeMs.p99} ms; lost ${liveDirectory.lost}`);

  log('burst: every document at once, the servers taking turns…');
  const bursts: BurstResult[] = [];
  for (let repetition = 0; selected('burst') && repetition < plan.burst.repetitions; repetition++) {
    for (const kind of inTurn(repetition, serverKinds)) {
      const result = await attempt(`burst.${kind}`, () =>
        withServer(
          () => start(kind, plan.burst.quorumFlags),
          async (server) => measureBurst(server, await worldOf(server, { writers: 1, subscribers: plan.fanOut.subscriberAccounts }), plan.burst.options),
        ),
      );
      if (!result) continue;
      bursts.push(result);
      log(`  ${kind}: ${result.updatesSent} updates, longest gap ${result.longestGapMs} ms, drained in ${result.drainMs} ms${result.allDelivered ? '' : ' (NOT all delivered)'}`);
    }
  }
  const quorumBursts = bursts.filter((b) => b.server === 'quorum');
  // The worst of the runs: the target is that no subscriber ever waits this long.
  const quorumBurstGapMs = quorumBursts.length === 0 ? null : Math.max(...quorumBursts.map((b) => b.longestGapMs));
  const burstGapMedians = Object.fromEntries(serverKinds.map((kind) => [kind, median(bursts.filter((b) => b.server === kind).map((b) => b.longestGapMs), 1)]));

  log('memory…');
  const memory: MemoryResult[] = [];
  for (const kind of selected('memory') ? serverKinds : []) {
    const result = await attempt(`memory.${kind}`, () =>
      withServer(
        () => start(kind, plan.memory.quorumFlags, true, { inspect: true }),
        (server) => measureMemory(server, () => worldOf(server, { writers: 1, subscribers: 1 }), plan.memory.options),
      ),
    );
    if (!result) continue;
    memory.push(result);
    const heap = (reading: MemoryResult['readings']['start']) => `heap ${reading.heap?.heapUsedMiB} used of ${reading.heap?.heapTotalMiB}`;
    log(
      `  ${kind}: ${result.startMiB} MiB at start (${heap(result.readings.start)}; ${result.readings.startCollected.mapped?.rssMiB} after a collection), ${result.afterAccountsMiB} after sign-ups, ` +
        `${result.loadedMiB} with ${plan.memory.options.documents} documents, ${result.afterUnloadMiB} after they left (${heap(result.readings.afterUnload)}; ${result.afterUnloadCollectedMiB} after a collection)`,
    );
  }
  // The same server under the TypeScript loader, as in development: what the loader itself holds.
  const quorumViaTsxStartMiB = selected('memory') ? await attempt('memory.quorumViaTsx', () => withServer(() => startQuorumServer({ guard: true, disk, viaTsx: true }), (server) => idleRss(server))) : undefined;
  if (quorumViaTsxStartMiB !== undefined) log(`  quorum under tsx: ${quorumViaTsxStartMiB} MiB at start`);

  // In process, last: its documents of 50,000 messages leave this process's heap large for a while.
  log('guard cost (in process)…');
  const guardCases = selected('guardCost') ? await attempt('guardCost', async () => measureGuardCost(plan.guardCost)) : undefined;

  // The desktop side: local search over a million replicated messages, and the renderer in Chromium.
  if (selected('replicaSearch')) log('replica search (1,000,000 messages; the database is built once and cached)…');
  const replica = selected('replicaSearch') ? ((await attempt('replicaSearch', () => runReplicaSearchBenchmark())) as ReplicaReport | undefined) : undefined;
  if (selected('rendererScroll')) log('renderer: first paint and scrolling of a 10,000-message conversation in Chromium…');
  const renderer = selected('rendererScroll') ? await attempt('rendererScroll', () => measureRendererScroll()) : undefined;
  if (selected('rendererStreaming')) log('renderer: an answer streamed into a long conversation in Chromium…');
  const streaming = selected('rendererStreaming') ? await attempt('rendererStreaming', () => measureRendererStreaming()) : undefined;
  if (selected('knowledgeIndexing')) log('knowledge: upload a generated 100-page PDF to searchable (extraction, then chunking and indexing on the server)…');
  const knowledgeIndexing = selected('knowledgeIndexing') ? await attempt('knowledgeIndexing', () => measureKnowledgeIndexing()) : undefined;
  if (selected('answerWrites')) log('agent answers: document updates and fsyncs per streamed answer…');
  const answerWrites = selected('answerWrites') ? await attempt('answerWrites', () => measureAnswerWrites(plan.answerWrites)) : undefined;
  const answerCase = (tokens: number, tokenGapMs: number) => answerWrites?.cases.find((c) => c.tokens === tokens && c.tokenGapMs === tokenGapMs);
  const answer500 = answerCase(500, 0);

  const at = (size: number) => guardCases?.find((c) => c.messages === size);
  const ratio = (size: number, pick: (c: GuardCase) => number) => {
    const small = at(1_000);
    const large = at(size);
    return small && large ? round(pick(large) / pick(small), 2) : null;
  };
  const guardFlatness = {
    appendMessageP50: { at20k: ratio(20_000, (c) => c.appendMessage.us.p50), at50k: ratio(50_000, (c) => c.appendMessage.us.p50) },
    insertTextP50: { at20k: ratio(20_000, (c) => c.insertText.us.p50), at50k: ratio(50_000, (c) => c.insertText.us.p50) },
  };
  const at20k = at(20_000);
  const worstFlat = [guardFlatness.appendMessageP50, guardFlatness.insertTextP50].flatMap((r) => [r.at20k, r.at50k]);
  const guardWorst20k = at20k ? Math.max(at20k.appendMessage.us.p99, at20k.appendMessage.blockMeanUs, at20k.insertText.us.p99, at20k.insertText.blockMeanUs) : null;
  const quorumLight = fanOutRuns.quorum.light;

  const measuredTargets: Target[] = [
    {
      name: 'fan-out p50, 1 writer at 200 msg/s → 50 subscribers, storing and guarding: Quorum ÷ y-websocket (medians of runs)',
      target: `≤ ${targets.fanOutP50ToReference}`,
      measured: lightP50ToReference,
      unit: 'ratio',
      met: lightP50ToReference !== null && lightP50ToReference <= targets.fanOutP50ToReference,
    },
    {
      name: 'fan-out p99, 1 writer at 200 msg/s → 50 subscribers (Quorum, median of runs)',
      target: `< ${targets.fanOutP99Ms} ms`,
      measured: fanOutMedians.quorum.light.p99Ms,
      unit: 'ms',
      met: quorumLight.length > 0 && quorumLight.every((r) => r.missing === 0) && (fanOutMedians.quorum.light.p99Ms ?? Infinity) < targets.fanOutP99Ms,
    },
    {
      name: `p99 of a REST write (creating a conversation) with ${plan.restUnderLoad.sockets.toLocaleString('en')} sync sockets of the organization open`,
      target: `< ${targets.restP99Ms} ms`,
      measured: restUnderLoad?.withSocketsMs.p99 ?? null,
      unit: 'ms',
      met: restUnderLoad !== undefined && restUnderLoad.socketsClosed === 0 && restUnderLoad.withSocketsMs.p99 < targets.restP99Ms,
    },
    {
      name: `p99 of a project rename by its owner reaching another member's running app (${plan.liveDirectory.trials} trials)`,
      target: `< ${targets.liveDirectoryP99Ms} ms`,
      measured: liveDirectory?.renameMs.p99 ?? null,
      unit: 'ms',
      met: liveDirectory !== undefined && liveDirectory.lost === 0 && liveDirectory.renameMs.p99 < targets.liveDirectoryP99Ms,
    },
    {
      name: `p99 of a role change reaching the member's running app (${plan.liveDirectory.trials} trials)`,
      target: `< ${targets.liveDirectoryP99Ms} ms`,
      measured: liveDirectory?.roleChangeMs.p99 ?? null,
      unit: 'ms',
      met: liveDirectory !== undefined && liveDirectory.lost === 0 && liveDirectory.roleChangeMs.p99 < targets.liveDirectoryP99Ms,
    },
    {
      name: `longest time any subscriber waited for a frame during a burst of ${plan.burst.options.documents} × ${plan.burst.options.updatesPerWriter.toLocaleString('en')} updates (Quorum, worst of ${quorumBursts.length} runs)`,
      target: `< ${targets.burstGapMs} ms`,
      measured: quorumBurstGapMs,
      unit: 'ms',
      met: quorumBurstGapMs !== null && quorumBursts.every((b) => b.allDelivered) && quorumBurstGapMs < targets.burstGapMs,
    },
    {
      name: 'the guard’s cost by server CPU per update (throughput, guard off → on, medians)',
      target: `≤ ${targets.guardCpuOverheadPercent} %`,
      measured: guardCpuOverheadPercent,
      unit: '%',
      met: guardCpuOverheadPercent !== null && guardCpuOverheadPercent <= targets.guardCpuOverheadPercent,
    },
    {
      name: 'throughput, Quorum with the guard ÷ y-websocket (medians)',
      target: '≥ 1',
      measured: quorumToReference,
      unit: 'ratio',
      met: quorumToReference !== null && quorumToReference >= 1,
    },
    {
      name: 'guard cost per small update at 20,000 messages (worst of p99 and block mean, both updates)',
      target: `< ${targets.guardUs} µs`,
      measured: guardWorst20k,
      unit: 'µs',
      met: guardWorst20k !== null && guardWorst20k < targets.guardUs,
    },
    {
      name: 'guard cost flat as the document grows (worst p50 ratio, 20k or 50k messages ÷ 1k)',
      target: `≤ ${targets.guardFlatRatio}`,
      measured: worstFlat.every((r) => r !== null) ? Math.max(...(worstFlat as number[])) : null,
      unit: 'ratio',
      met: worstFlat.every((r) => r !== null && r <= targets.guardFlatRatio),
    },
    {
      name: 'local project-scoped search p99 over 1,000,000 messages',
      target: '< 50 ms',
      measured: replica?.search.latencyMs.p99 ?? null,
      unit: 'ms',
      met: replica?.search.meetsTarget === true,
    },
    {
      name: 'process start to the first project list served (compiled, slowest run)',
      target: '< 1000 ms',
      measured: replica?.firstProjectList.compiled.spawnToOutputMs.max ?? null,
      unit: 'ms',
      met: replica?.firstProjectList.meetsTarget === true,
    },
    {
      name: 'document updates per 500-token agent answer, streamed as fast as the provider sends',
      target: `≤ ${targets.answerUpdates500}`,
      measured: answer500?.documentUpdates ?? null,
      unit: 'updates',
      met: answer500 !== undefined && answer500.documentUpdates <= targets.answerUpdates500,
    },
  ];

  const memoryOf = (kind: ServerKind) => memory.find((m) => m.server === kind);
  const finishedAt = new Date();
  const report = {
    benchmark: 'quorum-sync',
    startedAt: startedAt.toISOString(),
    durationS: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    quick,
    only: only === null ? null : [...only],
    machine: { ...machine, loadAverageAtEnd: round(loadavg()[0] ?? 0, 2), uptimeAtStart, uptimeAtEnd: uptime(), sharedWith: 'other engineers’ builds and tests run on the same CPUs during the bench: the load averages say how much' },
    fsyncMs: fsync,
    compared: {
      quorum: 'this repository, as `npm run sync-server` runs it (the esbuild bundle on plain node), enterprise plan, guard on unless said, SQLite with synchronous=FULL on the data disk',
      'y-websocket': 'y-websocket@2 reference server (bin/server.cjs): no authorization, no persistence',
      hocuspocus: '@hocuspocus/server 3.4 with no extensions: no authorization, no persistence',
    },
    raisedLimits: {
      note: 'Quorum flags used beyond its defaults, per benchmark; none where not listed. The other servers have no such limits.',
      fanOut: plan.fanOut.quorumFlags,
      throughput: plan.throughput.quorumFlags,
      burst: plan.burst.quorumFlags,
      memory: plan.memory.quorumFlags,
      restUnderLoad: [],
    },
    targets: measuredTargets,
    allTargetsMet: measuredTargets.every((t) => t.met),
    errors,
    howToRead: {
      fanOut:
        'latencyMs: from the writer starting its change to a subscriber receiving it, over every (message, subscriber) pair. light: one writer at 200 messages a second (open loop) to 50 subscribers; large: 1,000 subscribers, one message at a time. Each server ran both `repetitions` times, the servers taking turns; medians are of the runs’ p50 and p99. Includes the SQLite commit (Quorum stores before it broadcasts) and the clients’ own queueing: 1,000 sockets are read one after another by this one process.',
      throughput:
        'receivedPerSubscriberPerSecond: writer updates a subscriber received per second (medians across interleaved runs). serverCpuUsPerUpdate: server CPU per confirmed update (stored for Quorum, echoed for y-websocket, acknowledged for Hocuspocus), the figure least disturbed by other load; guardCpuUsPerUpdate and guardCpuOverheadPercent compare Quorum with the guard on and off by it. serverCpuUtilization near 1 means the server was the bottleneck; well below 1, the clients, the disk (fsync) or other processes were.',
      restUnderLoad: 'Creating a conversation over REST, one request after another, first with no sync socket open, then with `sockets` open on `documents` conversations of the same organization (a change announces itself to the sync hub, which must find the connections it affects).',
      burst: 'Each document’s writer sends `updatesPerWriter` small updates at once; every subscriber notes each frame’s arrival. longestGapMs: the longest a subscriber waited for its next frame (the first from the moment of sending) before it had everything. Quorum stores all of it before sending any; the others keep it in memory.',
      memory:
        'Resident memory (VmRSS) of the server process, idle after start, after the bench accounts were made (Quorum hashes each password with scrypt, 16 MiB each, on libuv’s threads), with `documents` documents open and written, and a few seconds after every client left (Quorum lets a document go 500 ms after its last client; y-websocket without persistence keeps documents; Hocuspocus lets them go). Every server runs with --inspect: readings.*.heap is V8’s heap read through the inspector (after the resident size), readings.*.mapped splits the resident size by mapping from /proc/<pid>/smaps (the node executable’s pages, native code, anonymous memory, other files); *Collected readings follow a full collection forced through the inspector. databaseMiB: Quorum’s SQLite files, the most its page cache can hold of them. quorumViaTsxStartMiB: Quorum started under the tsx loader, as in development.',
      guardCost:
        'us: microseconds per guardUpdate call (mean, p50, p99, min, max over the timed calls); blockMeanUs: the median of means over blocks of 250 calls. encodedBytes: the document as Y.encodeStateAsUpdate writes it. flatness: p50 at 20k and 50k messages divided by p50 at 1k.',
      machine: 'loadAverageAtStart/End and uptimeAtStart/End: other work on this machine; every wall-clock figure moves with it. dataDisk: where the servers’ data directories were, and the file system holding them; fsyncMs: a 4 KiB write and fdatasync there, what every durable batch pays at least.',
    },
    fanOut: {
      method:
        'One writer (a raw client sending the updates of its own Y.Doc, the same for every server) appends messages (Y.Map id, author, createdAt, content Y.Text, status) to one conversation document. Subscribers are raw ws clients speaking y-protocols (Hocuspocus: its framing, each message prefixed with the document name), each stamping the arrival time before anything else runs; the send time travels in the message text; latency = arrival − send on the bench process clock. The first `warmup` messages are left out.',
      plan: plan.fanOut,
      medians: fanOutMedians,
      quorumP50ToReference: lightP50ToReference,
      quorumP50ToHocuspocus: lightP50ToHocuspocus,
      quorumLargeP99ToReference: largeP99ToReference,
      quorumInMemory: {
        note: 'Quorum with its data directory on tmpfs (/dev/shm), light load only, taking its turn with the others: not the target’s figure (nothing is durable there), but the difference from the figure on disk is what fsync costs.',
        lightP50Ms: quorumInMemoryLightP50Ms,
        lightP50ToReference: inMemoryP50ToReference,
        runs: quorumInMemoryLight,
      },
      runs: fanOutRuns,
    },
    throughput: {
      workload: {
        ...workload,
        description: `${workload.writers} writers each stream an answer into their own message (${workload.updatesPerMessage} updates of ${workload.chunkChars} characters, then a new message), keeping at most ${workload.window} updates unconfirmed; ${workload.subscribers} raw subscribers count the writer updates they receive. Figure: updates received per subscriber per second over ${workload.measureMs} ms after ${workload.warmupMs} ms of warm-up, median of ${plan.throughput.repetitions} interleaved runs, each on a fresh server.`,
      },
      median: throughputMedian,
      serverCpuUsPerUpdateMedian: cpuMedian,
      guardOverheadPercent,
      guardCpuUsPerUpdate,
      guardCpuOverheadPercent,
      quorumToReference,
      quorumToHocuspocus,
      quorumToReferenceByCpu,
      quorumToHocuspocusByCpu,
      runs,
    },
    restUnderLoad: restUnderLoad ? { plan: plan.restUnderLoad, ...restUnderLoad } : null,
    liveDirectory: liveDirectory
      ? {
          method:
            'The desktop’s real app services (local replica, document sync over the sync socket) in the bench process, signed in as a member of the bench project; the server in its own process. Each trial times one REST request of the owner (a project rename, then a change of the member’s role, alternating viewer and member) until the member’s app, told by the server on a socket it holds, has pulled the change and emitted `directory.changed` with the new name or role readable.',
          plan: plan.liveDirectory,
          ...liveDirectory,
        }
      : null,
    burst: { plan: plan.burst.options, repetitions: plan.burst.repetitions, longestGapMsMedians: burstGapMedians, runs: bursts },
    memory: {
      plan: plan.memory.options,
      runs: memory,
      quorumViaTsxStartMiB: quorumViaTsxStartMiB ?? null,
      quorumStartToReference: both(memoryOf('quorum')?.startMiB, memoryOf('y-websocket')?.startMiB, (q, r) => round(q / r, 2)),
      quorumStartToHocuspocus: both(memoryOf('quorum')?.startMiB, memoryOf('hocuspocus')?.startMiB, (q, h) => round(q / h, 2)),
    },
    replicaSearch: replica ?? null,
    rendererScroll: renderer ?? null,
    rendererStreaming: streaming ?? null,
    knowledgeIndexing: knowledgeIndexing ?? null,
    answerWrites: {
      method:
        'The desktop’s agent run against the fixture provider, writing into the real document store on a SQLite file (WAL, synchronous=FULL); documentUpdates counts the run’s document updates, fsyncs the local commits they made (rows of document_updates, one transaction each). Streamed text is written at once, then at most once per intervalMs; the message and its final status are one update each.',
      ...(answerWrites ?? { cases: null }),
    },
    guardCost: {
      method:
        'guardUpdate called in process on a conversation of N messages written in turn by 8 users, with the GuardContext of a project member: (a) appending a new message, (b) inserting 3 characters into one of the member’s messages in the middle of the document. Every size is built and warmed up first, then timed in interleaved rounds.',
      plan: plan.guardCost,
      cases: guardCases ?? null,
      flatness: guardFlatness,
    },
  };

  const json = JSON.stringify(report, null, 2);
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, `${json}\n`);
  process.stdout.write(`${json}\n`);

  log('');
  log(`Results (${report.durationS} s${quick ? ', --quick' : ''}, data on ${disk.filesystem} where a write + fdatasync took p50 ${fsync.p50} ms, written to ${file}):`);
  log(`  the machine is shared with other people's builds and tests: at start \`${uptimeAtStart}\`; at end \`${report.machine.uptimeAtEnd}\``);
  log(`  Quorum's limits raised for the bench (the others have none): throughput and burst ${plan.throughput.quorumFlags.join(' ')}; memory ${plan.memory.quorumFlags.join(' ')}; fan-out and REST none`);
  for (const target of measuredTargets) {
    const verdict = target.met ? 'MET    ' : target.measured === null ? 'NOT RUN' : 'MISSED ';
    log(`  ${verdict} ${target.name}: ${target.measured ?? 'not measured'} ${target.unit} (target ${target.target})`);
  }
  for (const kind of serverKinds) {
    const m = fanOutMedians[kind];
    log(`  fan-out ${kind}: 50 at 200/s p50 ${m.light.p50Ms} / p99 ${m.light.p99Ms} ms; 1,000: p50 ${m.large.p50Ms} / p99 ${m.large.p99Ms} ms (medians of ${fanOutRuns[kind].large.length} runs)`);
  }
  log(`  throughput medians, updates/s per subscriber: ${configurationNames.map((name) => `${name} ${throughputMedian[name]}`).join(', ')}`);
  log(`  server CPU per update (µs, medians): ${configurationNames.map((name) => `${name} ${cpuMedian[name]}`).join(', ')} → the guard costs ${guardCpuUsPerUpdate} µs (${guardCpuOverheadPercent} %) per update`);
  if (quorumInMemoryLight.length > 0) log(`  fan-out quorum with its data on tmpfs (the disk's share): 50 at 200/s p50 ${quorumInMemoryLightP50Ms} ms, ${inMemoryP50ToReference}× y-websocket's`);
  if (bursts.length > 0) log(`  burst, longest silence (medians of runs, ms): ${serverKinds.map((kind) => `${kind} ${burstGapMedians[kind]}`).join(', ')}`);
  for (const m of memory) log(`  memory ${m.server}: start ${m.startMiB} MiB, after sign-ups ${m.afterAccountsMiB}, loaded ${m.loadedMiB}, after unload ${m.afterUnloadMiB}, after unload and a collection ${m.afterUnloadCollectedMiB}`);
  if (renderer) {
    log(`  renderer: first paint of 10,000 messages ${renderer.firstMeaningfulPaintMs.median} ms (median); scrolling frame time p50 ${renderer.scroll.p50Ms} / p99 ${renderer.scroll.p99Ms} ms`);
  }
  if (errors.length > 0) log(`  ${errors.length} benchmark(s) failed to run; see "errors".`);
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
