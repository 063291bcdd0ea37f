import type { AgentRunner, AgentRunnerAccount } from '../../../../../main/agents/agent-runner';
import { createAgentRunner } from '../../../../../main/agents/agent-runner';
import { createProviderKeys } from '../../../../../main/agents/provider-keys';
import { createRunJournal } from '../../../../../main/agents/run-journal';
import { createRestClient } from '../../../../../main/directory/rest-client';
import { createFileSecretStore } from '../../../../../main/session/file-secret-store';
import type { LocalDatabase } from '../../../../../main/store/local-database';
import type { SyncManager } from '../../../../../main/sync/sync-manager';

export interface DesktopRunnerOptions {
  readonly sync: SyncManager;
  readonly db: LocalDatabase;
  readonly serverUrl: string;
  readonly token: string;
  readonly userId: string;
  /** The key the journal keeps this account's runs under. */
  readonly account: string;
  /** Every conversation here belongs to this project. */
  readonly projectId: string;
  readonly secretsPath: string;
}

/** One desktop's account as the agent runner sees it: its documents through the sync manager. */
export function desktopAccount(options: Pick<DesktopRunnerOptions, 'sync' | 'userId' | 'account' | 'projectId'>): AgentRunnerAccount {
  const { sync } = options;
  return {
    key: options.account,
    userId: options.userId,
    documents: {
      open: (name) => Promise.resolve(sync.open(name)),
      close: (name) => Promise.resolve(sync.close(name)),
      document: (name) => sync.document(name),
      update: (name, update) => sync.update(name, update),
    },
    projectOf: () => options.projectId,
    agents: () => [],
    workgroupAgentIds: () => [],
  };
}

/** The app's agent runner on a desktop's own database and documents, reading the server's REST API directly. */
export function desktopRunner(options: DesktopRunnerOptions): AgentRunner {
  const client = createRestClient({ serverUrl: () => options.serverUrl, token: () => options.token });
  const account = desktopAccount(options);
  return createAgentRunner({
    account: () => account,
    read: (request) => client.call(request.endpoint, request),
    keys: createProviderKeys(createFileSecretStore(options.secretsPath)),
    tools: () => [],
    emit: () => undefined,
    log: (message, error) => process.stderr.write(`${message} ${String(error)}\n`),
    journal: createRunJournal(options.db),
  });
}
