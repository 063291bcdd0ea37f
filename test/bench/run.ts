import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { measureFanOut } from './fan-out-latency';
import type { FanOutOptions, FanOutResult } from './fan-out-latency';
import { measureGuardCost } from './guard-cost';
import type { GuardCase, GuardCostOptions } from './guard-cost';
import { createBenchWorld, referenceWorld } from './support/bench-world';
import { machineInfo } from './support/machine';
import { repoRoot, startQuorumServer, startReferenceServer } from './support/server-process';
import type { ServerProcess } from './support/server-process';
import { percentile, round } from './support/stats';
import { measureThroughput } from './throughput';
import { runReplicaSearchBenchmark } from './replica-search';
import { measureRendererScroll } from './renderer-scroll';
import { measureAnswerWrites } from './answer-writes';
import type { ThroughputResult, ThroughputWorkload } from './throughput';

/*
 * `npm run bench`: the benchmarks, on loopback only: the sync server's, the local replica's search
 * and start-up, and the renderer's first paint and scrolling in Chromium. Servers run in child processes
 * (Quorum's own command line, and the reference server of y-websocket@2), clients in this one, so
 * both servers are measured the same way. Prints one JSON document on stdout and writes it to
 * bench-results/<timestamp>.json; a short summary goes to stderr. Every loop is bounded in count
 * and in time. Exits 1 only if a benchmark could not run; missed targets are in the document.
 */

const plan = {
  guardCost: { sizes: [1_000, 5_000, 20_000, 50_000], warmupCalls: 2_000, calls: 5_000, rounds: 10, maxRoundMs: 2_000 } satisfies GuardCostOptions,
  fanOut: {
    small: { subscribers: 50, messages: 200, warmup: 20, gapMs: 10, perMessageTimeoutMs: 5_000, maxRunMs: 30_000 } satisfies FanOutOptions,
    /** Runs at 50 subscribers; the median of their p99 counts, so one burst of load from elsewhere does not decide it. */
    smallRepetitions: 3,
    large: { subscribers: 1_000, messages: 120, warmup: 20, gapMs: 20, perMessageTimeoutMs: 10_000, maxRunMs: 45_000 } satisfies FanOutOptions,
    /** Distinct accounts behind the subscribers; at 1,000 each has 20 connections, like 20 open devices. */
    subscriberAccounts: 50,
  },
  /** Answers of 500 and 1,000 tokens, streamed at once and paced (2 ms per token, some 400 tokens a second). */
  answerWrites: [
    { tokens: 500, tokenGapMs: 0 },
    { tokens: 1_000, tokenGapMs: 0 },
    { tokens: 500, tokenGapMs: 2 },
    { tokens: 1_000, tokenGapMs: 2 },
  ],
  throughput: {
    workload: { writers: 4, subscribers: 8, window: 64, chunkChars: 8, updatesPerMessage: 100, warmupMs: 1_000, measureMs: 3_000, drainTimeoutMs: 15_000 } satisfies ThroughputWorkload,
    /** Each configuration runs this many times, interleaved, and the median counts: other load on the machine comes and goes. */
    repetitions: 7,
    /** The default allows 500 messages a second per connection; a writer here sends many more. */
    quorumFlags: ['--sync-messages-per-second', '1000000', '--sync-message-burst', '1000000'],
  },
};

const targets = {
  fanOutP99Ms: 25,
  guardOverheadPercent: 15,
  guardUs: 100,
  /** "Flat": the cost at 20k or 50k messages is at most this multiple of the cost at 1k. */
  guardFlatRatio: 1.5,
  answerUpdates500: 20,
};

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

const median = (values: readonly number[]) => percentile([...values].sort((a, b) => a - b), 50);

interface FanOutRuns {
  readonly runs: FanOutResult[];
  readonly p50MedianMs: number;
  readonly p99MedianMs: number;
}

async function fanOutRuns(run: () => Promise<FanOutResult>): Promise<FanOutRuns> {
  const runs: FanOutResult[] = [];
  for (let i = 0; i < plan.fanOut.smallRepetitions; i++) runs.push(await run());
  return { runs, p50MedianMs: median(runs.map((r) => r.latencyMs.p50)), p99MedianMs: median(runs.map((r) => r.latencyMs.p99)) };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const machine = machineInfo();
  log(`Quorum sync benchmarks on ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart}`);

  log('guard cost (in process)…');
  const guardCases = await attempt('guardCost', async () => measureGuardCost(plan.guardCost));

  log('fan-out latency…');
  const fanOut: { quorum50?: FanOutRuns; quorum1000?: FanOutResult; reference50?: FanOutRuns; reference1000?: FanOutResult } = {};
  // Each process holds one descriptor per connection (the clients here, the server in its child).
  const fdLimit = Number(machine.openFileLimit);
  const largeFits = !Number.isFinite(fdLimit) || fdLimit >= plan.fanOut.large.subscribers + 256;
  if (!largeFits) errors.push({ benchmark: 'fanOut.large', error: `ulimit -n is ${fdLimit}: raise it above ${plan.fanOut.large.subscribers + 256} to run 1,000 subscribers` });
  await attempt('fanOut.quorum', () =>
    withServer(
      () => startQuorumServer({ guard: true }),
      async (server) => {
        const world = await createBenchWorld(server.url, { writers: 1, subscribers: plan.fanOut.subscriberAccounts });
        fanOut.quorum50 = await fanOutRuns(() => measureFanOut(server, world, plan.fanOut.small));
        log(`  quorum, 50: p50 ${fanOut.quorum50.p50MedianMs} ms, p99 ${fanOut.quorum50.p99MedianMs} ms (medians of ${plan.fanOut.smallRepetitions} runs)`);
        if (!largeFits) return;
        fanOut.quorum1000 = await measureFanOut(server, world, plan.fanOut.large);
        log(`  quorum, 1000: p50 ${fanOut.quorum1000.latencyMs.p50} ms, p99 ${fanOut.quorum1000.latencyMs.p99} ms`);
      },
    ),
  );
  await attempt('fanOut.reference', () =>
    withServer(startReferenceServer, async (server) => {
      const world = referenceWorld({ writers: 1, subscribers: plan.fanOut.subscriberAccounts });
      fanOut.reference50 = await fanOutRuns(() => measureFanOut(server, world, plan.fanOut.small));
      log(`  reference, 50: p50 ${fanOut.reference50.p50MedianMs} ms, p99 ${fanOut.reference50.p99MedianMs} ms (medians of ${plan.fanOut.smallRepetitions} runs)`);
      if (!largeFits) return;
      fanOut.reference1000 = await measureFanOut(server, world, plan.fanOut.large);
      log(`  reference, 1000: p50 ${fanOut.reference1000.latencyMs.p50} ms, p99 ${fanOut.reference1000.latencyMs.p99} ms`);
    }),
  );

  log('throughput…');
  const workload = plan.throughput.workload;
  const accounts = { writers: workload.writers, subscribers: workload.subscribers };
  const configurations = {
    quorumGuardOn: () =>
      withServer(
        () => startQuorumServer({ guard: true, flags: plan.throughput.quorumFlags }),
        async (server) => measureThroughput(server, await createBenchWorld(server.url, accounts), workload, true),
      ),
    quorumGuardOff: () =>
      withServer(
        () => startQuorumServer({ guard: false, flags: plan.throughput.quorumFlags }),
        async (server) => measureThroughput(server, await createBenchWorld(server.url, accounts), workload, false),
      ),
    reference: () => withServer(startReferenceServer, (server) => measureThroughput(server, referenceWorld(accounts), workload, null)),
  };
  const runs: Record<keyof typeof configurations, ThroughputResult[]> = { quorumGuardOn: [], quorumGuardOff: [], reference: [] };
  for (let repetition = 0; repetition < plan.throughput.repetitions; repetition++) {
    for (const [name, run] of Object.entries(configurations) as [keyof typeof configurations, () => Promise<ThroughputResult>][]) {
      const result = await attempt(`throughput.${name}`, run);
      if (!result) continue;
      runs[name].push(result);
      log(`  ${name}: ${result.receivedPerSubscriberPerSecond} updates/s per subscriber (server CPU ${result.serverCpuUtilization})`);
    }
  }
  const medianOf = (name: keyof typeof configurations, pick: (r: ThroughputResult) => number | null) => {
    const values = runs[name].map(pick).filter((v): v is number => v !== null);
    return values.length === 0 ? null : round(median(values), 1);
  };
  const perSecond = (r: ThroughputResult) => r.receivedPerSubscriberPerSecond;
  const cpuPerUpdate = (r: ThroughputResult) => r.serverCpuUsPerUpdate;
  const throughputMedian = {
    quorumGuardOn: medianOf('quorumGuardOn', perSecond),
    quorumGuardOff: medianOf('quorumGuardOff', perSecond),
    reference: medianOf('reference', perSecond),
  };
  const cpuMedian = {
    quorumGuardOn: medianOf('quorumGuardOn', cpuPerUpdate),
    quorumGuardOff: medianOf('quorumGuardOff', cpuPerUpdate),
    reference: medianOf('reference', cpuPerUpdate),
  };
  const both = (a: number | null, b: number | null, f: (a: number, b: number) => number) => (a !== null && b !== null ? f(a, b) : null);
  const guardOverheadPercent = both(throughputMedian.quorumGuardOn, throughputMedian.quorumGuardOff, (on, off) => round(((off - on) / off) * 100, 1));
  const quorumToReference = both(throughputMedian.quorumGuardOn, throughputMedian.reference, (q, r) => round(q / r, 3));
  // The same two comparisons from server CPU per update: what they would be with the server the
  // bottleneck on an otherwise idle machine.
  const guardCpuOverheadPercent = both(cpuMedian.quorumGuardOn, cpuMedian.quorumGuardOff, (on, off) => round(((on - off) / on) * 100, 1));
  const quorumToReferenceByCpu = both(cpuMedian.quorumGuardOn, cpuMedian.reference, (q, r) => round(r / q, 3));

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

  // The desktop side: local search over a million replicated messages, and the renderer in Chromium.
  log('replica search (1,000,000 messages; the database is built once and cached)…');
  const replica = (await attempt('replicaSearch', () => runReplicaSearchBenchmark())) as ReplicaReport | undefined;
  log('renderer: first paint and scrolling of a 10,000-message conversation in Chromium…');
  const renderer = await attempt('rendererScroll', () => measureRendererScroll());
  log('agent answers: document updates and fsyncs per streamed answer…');
  const answerWrites = await attempt('answerWrites', () => measureAnswerWrites(plan.answerWrites));
  const answerCase = (tokens: number, tokenGapMs: number) => answerWrites?.cases.find((c) => c.tokens === tokens && c.tokenGapMs === tokenGapMs);
  const answer500 = answerCase(500, 0);

  const measuredTargets: Target[] = [
    {
      name: 'fan-out p99 latency, 1 writer → 50 subscribers (Quorum, median of runs)',
      target: `< ${targets.fanOutP99Ms} ms`,
      measured: fanOut.quorum50?.p99MedianMs ?? null,
      unit: 'ms',
      met: fanOut.quorum50 !== undefined && fanOut.quorum50.runs.every((r) => r.missing === 0) && fanOut.quorum50.p99MedianMs < targets.fanOutP99Ms,
    },
    {
      name: 'guard overhead on throughput (guard off → on, medians)',
      target: `≤ ${targets.guardOverheadPercent} %`,
      measured: guardOverheadPercent,
      unit: '%',
      met: guardOverheadPercent !== null && guardOverheadPercent <= targets.guardOverheadPercent,
    },
    {
      name: 'throughput, Quorum with the guard ÷ reference server (medians)',
      target: '≥ 1',
      measured: quorumToReference,
      unit: 'ratio',
      met: quorumToReference !== null && quorumToReference >= 1,
    },
    {
      name: 'guard cost per small update at 20,000 messages (worst of p99 and block mean, both updates)',
      target: `< ${targets.guardUs} µs`,
      measured: at20k ? Math.max(at20k.appendMessage.us.p99, at20k.appendMessage.blockMeanUs, at20k.insertText.us.p99, at20k.insertText.blockMeanUs) : null,
      unit: 'µs',
      met: at20k !== undefined && Math.max(at20k.appendMessage.us.p99, at20k.appendMessage.blockMeanUs, at20k.insertText.us.p99, at20k.insertText.blockMeanUs) < targets.guardUs,
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

  const finishedAt = new Date();
  const report = {
    benchmark: 'quorum-sync',
    startedAt: startedAt.toISOString(),
    durationS: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine: { ...machine, loadAverageAtEnd: round(loadavg()[0] ?? 0, 2) },
    targets: measuredTargets,
    allTargetsMet: measuredTargets.every((t) => t.met),
    errors,
    howToRead: {
      fanOut:
        'latencyMs: from the writer starting its change to a subscriber receiving it, over every (message, subscriber) pair; p99MedianMs is the median of the runs’ p99. Includes the SQLite commit (Quorum stores before it broadcasts) and the clients’ own queueing: 1,000 sockets are read one after another by this one process.',
      throughput:
        'receivedPerSubscriberPerSecond: writer updates a subscriber received per second (the headline; medians across interleaved runs). confirmedPerSecond: updates confirmed to writers (Quorum: stored; reference: echoed). updatesPerFrame: updates per broadcast frame (Quorum merges each stored batch; the reference sends one frame per update). serverCpuUsPerUpdate: server CPU per update, the figure least disturbed by other load on the machine; guardCpuOverheadPercent and quorumToReferenceByCpu compare those. serverCpuUtilization near 1 means the server was the bottleneck; well below 1, the clients, the disk (fsync) or other processes were.',
      guardCost:
        'us: microseconds per guardUpdate call (mean, p50, p99, min, max over the timed calls); blockMeanUs: the median of means over blocks of 250 calls, which a single collection or preemption does not move. encodedBytes: the document as Y.encodeStateAsUpdate writes it. flatness: p50 at 20k and 50k messages divided by p50 at 1k.',
      machine: 'loadAverageAtStart/End: other work on this machine; every wall-clock figure moves with it.',
    },
    fanOut: {
      method:
        'One writer (a y-websocket@3 WebsocketProvider in Node) appends messages (Y.Map id, author {kind:user}, createdAt, content Y.Text, status) to one conversation document, one at a time: the next goes once every subscriber has the previous one (or after the per-message timeout), after a short gap. Subscribers are raw ws clients speaking y-protocols (no provider, no Y.Doc), each stamping the arrival time before anything else runs; the send time travels in the message text; latency = arrival − send on the bench process clock. Servers run in child processes; Quorum stores each update in SQLite (synchronous=FULL) before broadcasting it. The first `warmup` messages are left out.',
      plan: plan.fanOut,
      ...fanOut,
    },
    throughput: {
      workload: {
        ...workload,
        description: `${workload.writers} writers each stream an answer into their own message (${workload.updatesPerMessage} updates of ${workload.chunkChars} characters, then a new message), keeping at most ${workload.window} updates unconfirmed (Quorum: confirmed by its stored acknowledgement; reference: by the echo of the update); ${workload.subscribers} raw subscribers count the writer updates they receive. Figure: updates received per subscriber per second over ${workload.measureMs} ms after ${workload.warmupMs} ms of warm-up, median of ${plan.throughput.repetitions} interleaved runs, each on a fresh server.`,
        quorumFlags: plan.throughput.quorumFlags,
      },
      median: throughputMedian,
      guardOverheadPercent,
      quorumToReference,
      serverCpuUsPerUpdateMedian: cpuMedian,
      guardCpuOverheadPercent,
      quorumToReferenceByCpu,
      runs,
    },
    replicaSearch: replica ?? null,
    rendererScroll: renderer ?? null,
    answerWrites: {
      method:
        'The desktop’s agent run against the fixture provider, writing into the real document store on a SQLite file (WAL, synchronous=FULL); documentUpdates counts the run’s document updates, fsyncs the local commits they made (rows of document_updates, one transaction each). Streamed text is written at once, then at most once per intervalMs; the message and its final status are one update each.',
      ...(answerWrites ?? { cases: null }),
    },
    guardCost: {
      method:
        'guardUpdate called in process on a conversation of N messages written in turn by 8 users, with the GuardContext of a project member: (a) appending a new message, (b) inserting 3 characters into one of the member’s messages in the middle of the document. The guard does not change the document, so the same update is checked again and again. Every size is built and warmed up first, then timed in interleaved rounds (each round a share of the calls for every size, starting each time with another size), so a change of JIT state or of load on the machine falls on all sizes alike.',
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
  log(`Results (${report.durationS} s, written to ${file}):`);
  for (const target of measuredTargets) log(`  ${target.met ? 'MET   ' : 'MISSED'} ${target.name}: ${target.measured ?? 'not measured'} ${target.unit} (target ${target.target})`);
  if (fanOut.quorum1000) log(`  fan-out at 1,000 subscribers (Quorum): p50 ${fanOut.quorum1000.latencyMs.p50} ms, p99 ${fanOut.quorum1000.latencyMs.p99} ms`);
  log(`  throughput medians, updates/s per subscriber: guard on ${throughputMedian.quorumGuardOn}, guard off ${throughputMedian.quorumGuardOff}, reference ${throughputMedian.reference}`);
  log(
    `  server CPU per update (µs, medians): guard on ${cpuMedian.quorumGuardOn}, guard off ${cpuMedian.quorumGuardOff}, reference ${cpuMedian.reference}` +
      ` → guard overhead ${guardCpuOverheadPercent} %, Quorum ÷ reference ${quorumToReferenceByCpu}`,
  );
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
