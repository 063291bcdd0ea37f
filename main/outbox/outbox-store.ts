import { randomBytes } from 'node:crypto';
import type { OutboxEntry } from '../../shared/app-api/app-api-contract';
import type { AppError } from '../../shared/app-api/app-result';
import { AppErrorCode } from '../../shared/app-api/app-result';
import { EndpointKey } from '../../shared/rest/api-contract';
import type { RestRequest } from '../directory/prepare-request';
import type { LocalDatabase } from '../store/local-database';

/** A queued change with everything needed to send it again. */
export interface OutboxRecord {
  readonly entry: OutboxEntry;
  readonly seq: number;
  readonly request: RestRequest;
}

interface OutboxRow {
  seq: number;
  id: string;
  endpoint: string;
  params: string;
  query: string;
  body: string | null;
  summary: string;
  status: OutboxEntry['status'];
  error_code: string | null;
  error_message: string | null;
  error_field: string | null;
  created_at: string;
  settled_at: string | null;
}

export interface NewOutboxChange {
  readonly account: string;
  readonly endpoint: EndpointKey;
  readonly request: RestRequest;
  readonly summary: string;
  readonly createdAt: string;
}

/** The outbox table: queued changes per account, in the order they were made. */
export interface OutboxStore {
  add(change: NewOutboxChange): OutboxEntry;
  /** The oldest pending change of the account after `afterSeq`. */
  nextPending(account: string, afterSeq: number): OutboxRecord | undefined;
  pendingCount(account: string): number;
  /** Every change of the account, oldest first: pending, applied and rejected. */
  list(account: string): OutboxEntry[];
  get(account: string, id: string): OutboxEntry | undefined;
  markApplied(id: string, at: string): OutboxEntry;
  markRejected(id: string, error: AppError, at: string): OutboxEntry;
  remove(account: string, id: string): boolean;
}

function errorOf(row: OutboxRow): AppError | null {
  if (row.error_code === null) return null;
  const code = AppErrorCode.safeParse(row.error_code);
  const error: AppError = { code: code.success ? code.data : 'internal', message: row.error_message ?? '' };
  return row.error_field === null ? error : { ...error, field: row.error_field };
}

function entryOf(row: OutboxRow): OutboxEntry {
  const endpoint = EndpointKey.safeParse(row.endpoint);
  if (!endpoint.success) throw new Error(`outbox row ${row.id} names an unknown endpoint ${row.endpoint}`);
  return {
    id: row.id,
    endpoint: endpoint.data,
    summary: row.summary,
    status: row.status,
    error: errorOf(row),
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

function recordOf(row: OutboxRow): OutboxRecord {
  const params = JSON.parse(row.params) as Record<string, string>;
  const query = JSON.parse(row.query) as Record<string, string>;
  const request: RestRequest = row.body === null ? { params, query } : { params, query, body: JSON.parse(row.body) as unknown };
  return { entry: entryOf(row), seq: row.seq, request };
}

export function createOutboxStore(db: LocalDatabase): OutboxStore {
  const insert = db.prepare(
    `INSERT INTO outbox (id, account, endpoint, params, query, body, summary, status, created_at)
     VALUES (@id, @account, @endpoint, @params, @query, @body, @summary, 'pending', @createdAt)`,
  );
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');
  const byAccountAndId = db.prepare('SELECT * FROM outbox WHERE account = ? AND id = ?');
  const next = db.prepare("SELECT * FROM outbox WHERE account = ? AND status = 'pending' AND seq > ? ORDER BY seq LIMIT 1");
  const count = db.prepare("SELECT count(*) AS n FROM outbox WHERE account = ? AND status = 'pending'");
  const all = db.prepare('SELECT * FROM outbox WHERE account = ? ORDER BY seq');
  const applied = db.prepare(
    "UPDATE outbox SET status = 'applied', settled_at = ?, error_code = NULL, error_message = NULL, error_field = NULL WHERE id = ?",
  );
  const rejected = db.prepare(
    "UPDATE outbox SET status = 'rejected', settled_at = ?, error_code = ?, error_message = ?, error_field = ? WHERE id = ?",
  );
  const remove = db.prepare('DELETE FROM outbox WHERE account = ? AND id = ?');

  const reread = (id: string): OutboxEntry => entryOf(byId.get(id) as OutboxRow);

  return {
    add(change) {
      const id = `obx_${randomBytes(12).toString('hex')}`;
      insert.run({
        id,
        account: change.account,
        endpoint: change.endpoint,
        params: JSON.stringify(change.request.params ?? {}),
        query: JSON.stringify(change.request.query ?? {}),
        body: change.request.body === undefined ? null : JSON.stringify(change.request.body),
        summary: change.summary,
        createdAt: change.createdAt,
      });
      return reread(id);
    },
    nextPending(account, afterSeq) {
      const row = next.get(account, afterSeq) as OutboxRow | undefined;
      return row === undefined ? undefined : recordOf(row);
    },
    pendingCount(account) {
      return (count.get(account) as { n: number }).n;
    },
    list(account) {
      return (all.all(account) as OutboxRow[]).map(entryOf);
    },
    get(account, id) {
      const row = byAccountAndId.get(account, id) as OutboxRow | undefined;
      return row === undefined ? undefined : entryOf(row);
    },
    markApplied(id, at) {
      applied.run(at, id);
      return reread(id);
    },
    markRejected(id, error, at) {
      rejected.run(at, error.code, error.message, error.field ?? null, id);
      return reread(id);
    },
    remove(account, id) {
      return remove.run(account, id).changes > 0;
    },
  };
}
