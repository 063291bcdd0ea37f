/** Where a queued run stands; `waiting` is what the app shows while a run has no worker yet. */
export type QueuedRunState = 'waiting' | 'running' | 'complete' | 'failed' | 'cancelled';

export interface QueuedRun {
  readonly id: string;
  readonly orgId: string;
  readonly projectId: string;
  readonly conversationId: string;
  /** The answer's message in the conversation. */
  readonly messageId: string;
  readonly agentId: string;
  readonly modelId: string;
  /** The server connection the model is called through; null for a model's own endpoint. */
  readonly connectionId: string | null;
  readonly requestedBy: string;
  readonly state: QueuedRunState;
  readonly cancelRequested: boolean;
  readonly error: string | null;
  readonly enqueuedAt: string;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
}

export type RunRequest = Pick<QueuedRun, 'orgId' | 'projectId' | 'conversationId' | 'messageId' | 'agentId' | 'modelId' | 'connectionId' | 'requestedBy'>;

/** How many runs may be `running` at once, per organization and per connection. */
export interface RunLimits {
  readonly perOrganization: number;
  readonly perConnection: number;
}

export type RunEnd = { readonly state: 'complete' } | { readonly state: 'failed'; readonly error: string } | { readonly state: 'cancelled' };

/**
 * The server's queue of agent runs, asynchronous so a PostgreSQL queue (several server processes
 * taking runs with `SELECT … FOR UPDATE SKIP LOCKED`) can stand in for the SQLite one. `claim`
 * is atomic: two workers never take the same run.
 */
export interface RunQueue {
  enqueue(request: RunRequest): Promise<QueuedRun>;
  /** The oldest waiting run whose organization and connection are under their limits, now `running`; null when none may start. */
  claim(limits: RunLimits): Promise<QueuedRun | null>;
  /** Ends a running run; false when it was no longer running. */
  finish(id: string, end: RunEnd): Promise<boolean>;
  /**
   * Asks a run to stop: a waiting one is cancelled at once, a running one is marked for its
   * worker to stop. Null when the organization has no open run by that id.
   */
  cancel(orgId: string, id: string): Promise<QueuedRun | null>;
  get(orgId: string, id: string): Promise<QueuedRun | null>;
  /** The conversation's runs that have not ended, oldest first. */
  open(conversationId: string): Promise<readonly QueuedRun[]>;
  /** Runs left `running` by a process that stopped: ended as failed, and returned so their answers get a notice. */
  failInterrupted(error: string): Promise<readonly QueuedRun[]>;
  /** Hears that a run was queued or a slot freed, so an idle worker looks again. */
  onReady(listener: () => void): () => void;
}
