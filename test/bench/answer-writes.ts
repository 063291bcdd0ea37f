import { unsetParameters } from '../../shared/domain/model-parameters';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { answerWriteIntervalMs } from '../../shared/agents/answer-writer';
import { effectiveSettings } from '../../shared/policy/settings-inheritance';
import { documentName } from '../../shared/sync/document-name';
import { runAgent } from '../../main/agents/run-agent';
import { DocumentStore } from '../../main/documents/document-store';
import { openLocalDatabase } from '../../main/store/local-database';
import { startOpenAiCompatibleServer } from '../fixtures/openai-compatible-server';

/*
 * Document updates and fsyncs per streamed agent answer: the desktop's real run (`runAgent`) against
 * the fixture provider, writing into the desktop's real document store on a SQLite file (WAL,
 * synchronous=FULL). Each local edit is committed in its own transaction, so its row in
 * `document_updates` is one commit and one fsync of the WAL; the rows are counted after the run.
 */

export interface AnswerWritesCase {
  readonly tokens: number;
  /** Pause between streamed tokens at the provider. */
  readonly tokenGapMs: number;
  readonly streamMs: number;
  readonly documentUpdates: number;
  readonly fsyncs: number;
}

export interface AnswerWritesResult {
  readonly intervalMs: number;
  readonly cases: readonly AnswerWritesCase[];
}

const effective = effectiveSettings({
  project: { defaultModel: null, modelLock: null, toolAllowlist: null, systemPrompt: null, knowledgeBaseIds: [] },
  primaryWorkgroup: null,
  sharedWorkgroups: [],
});

export async function measureAnswerWrites(plan: readonly { tokens: number; tokenGapMs: number }[]): Promise<AnswerWritesResult> {
  const llm = await startOpenAiCompatibleServer();
  const dir = mkdtempSync(join(tmpdir(), 'quorum-answer-writes-'));
  const db = openLocalDatabase(join(dir, 'local.sqlite'));
  // No compaction while measuring: every local commit stays a row to count.
  const store = new DocumentStore(db, { compactAfterUpdates: 1_000_000 });
  const cases: AnswerWritesCase[] = [];
  try {
    for (const [index, { tokens, tokenGapMs }] of plan.entries()) {
      const conversationId = `bench-${index}`;
      const name = documentName('conversation', conversationId);
      let updates = 0;
      const documents = {
        document: (doc: string) => store.open(doc).doc,
        update: (doc: string, update: Uint8Array) => {
          updates += 1;
          Y.applyUpdate(store.open(doc).doc, update);
        },
      };
      llm.enqueue({ kind: 'text', pieces: Array.from({ length: tokens }, (_, i) => `t${i} `), delayMs: tokenGapMs });
      const started = performance.now();
      const outcome = await runAgent({
        documents,
        conversationId,
        projectId: 'bench-project',
        agent: { id: 'agent', name: 'Bench', systemPrompt: '', tools: [], parameters: unsetParameters },
        model: { id: 'model', name: 'Fixture', provider: { baseUrl: llm.baseUrl, model: 'fixture-model' }, parameters: unsetParameters },
        effective,
        runBy: 'bench-user',
        tools: [],
        searchKnowledge: () => Promise.resolve([]),
      });
      const streamMs = Math.round(performance.now() - started);
      if (outcome.status !== 'complete') throw new Error(`the run ended ${outcome.status}: ${outcome.error ?? ''}`);
      const row = db.prepare<[string], { count: number }>("SELECT count(*) AS count FROM document_updates WHERE name = ? AND origin = 'local'").get(name);
      cases.push({ tokens, tokenGapMs, streamMs, documentUpdates: updates, fsyncs: row?.count ?? 0 });
    }
  } finally {
    store.closeAll();
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await llm.close();
  }
  return { intervalMs: answerWriteIntervalMs, cases };
}
