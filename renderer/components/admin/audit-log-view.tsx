import { useState } from 'react';
import type { FormEvent } from 'react';
import { auditOutcomes } from '../../../shared/domain/audit-event';
import type { AuditEvent } from '../../../shared/domain/audit-event';
import type { DirectoryRequest } from '../../../shared/app-api/app-api-contract';
import { useApi } from '../../api/api-context';
import { useAppStore } from '../../store/store-context';
import { callEndpoint } from '../../api/call-endpoint';
import { formatDateTime, userName } from './admin-format';
import { useEndpoint } from '../../api/use-directory-query';

const pageSize = 50;

/** Whose audit log a view shows: the organization's, or one project's. */
export type AuditLogViewScope = { readonly kind: 'org'; readonly fileStem: string } | { readonly kind: 'project'; readonly projectId: string; readonly fileStem: string };

interface Filters {
  readonly action: string;
  readonly outcome: string;
  readonly actorId: string;
}

/** The detail as `key: value` pairs, with ids the replica knows shown as names. */
function detailText(event: AuditEvent, nameOf: (id: string) => string | undefined): string {
  if (event.detail === null) return '';
  return Object.entries(event.detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? (nameOf(v) ?? v) : JSON.stringify(v)}`)
    .join(' · ');
}

/** Offers text as a file download through a Blob URL, released once the download has started. */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * An audit log as a paged table, oldest first as the hash chain runs, with filters by action,
 * outcome and actor, and an export of every matching event as JSON Lines. `denial` is the policy's
 * (or the plan's) reason when the user may not read it: then nothing is asked of the server.
 */
export function AuditLogView({ scope, denial }: { readonly scope: AuditLogViewScope; readonly denial: string | null }) {
  const api = useApi();
  const users = useAppStore((s) => s.users);
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const [filters, setFilters] = useState<Filters>({ action: '', outcome: '', actorId: '' });
  const [actionDraft, setActionDraft] = useState('');
  // Cursors of the pages before the current one, so "Previous" can go back.
  const [cursors, setCursors] = useState<number[]>([]);
  const [exportState, setExportState] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });

  const query: Record<string, string> = { limit: String(pageSize) };
  if (filters.action !== '') query['action'] = filters.action;
  if (filters.outcome !== '') query['outcome'] = filters.outcome;
  if (filters.actorId !== '') query['actorId'] = filters.actorId;
  const exportQuery = { ...query };
  delete exportQuery['limit'];
  const cursor = cursors.at(-1);
  if (cursor !== undefined) query['cursor'] = String(cursor);
  const request: DirectoryRequest<'org.audit.read' | 'project.audit.read'> =
    scope.kind === 'org' ? { endpoint: 'org.audit.read', query } : { endpoint: 'project.audit.read', params: { id: scope.projectId }, query };
  // Every change is audited, but none is a replicated kind: the page is read again on "Refresh".
  const page = useEndpoint(request, { kinds: [], enabled: denial === null });

  const setFilter = (change: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...change }));
    setCursors([]);
  };
  const applyAction = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ action: actionDraft.trim() });
  };
  const runExport = async () => {
    setExportState({ busy: true, message: null, error: null });
    const outcome =
      scope.kind === 'org'
        ? await callEndpoint(api, { endpoint: 'org.audit.export', query: exportQuery })
        : await callEndpoint(api, { endpoint: 'project.audit.export', params: { id: scope.projectId }, query: exportQuery });
    if (outcome.kind !== 'applied') {
      return setExportState({ busy: false, message: null, error: outcome.kind === 'failed' ? outcome.message : 'Exporting needs the server.' });
    }
    // One event per line, as the server wrote them.
    const events = outcome.value;
    const day = new Date().toISOString().slice(0, 10);
    download(events.map((event) => `${JSON.stringify(event)}\n`).join(''), `${scope.fileStem}-audit-${day}.jsonl`);
    setExportState({ busy: false, message: `Exported ${events.length} ${events.length === 1 ? 'event' : 'events'} as JSON Lines.`, error: null });
  };

  if (denial !== null) {
    return (
      <section className="panel admin-panel" aria-label="Audit log">
        <p className="reason">{denial}.</p>
      </section>
    );
  }
  const items = page.data?.items ?? [];
  const firstSeq = items[0]?.seq;
  const lastSeq = items.at(-1)?.seq;
  const projectName = (id: string | null) => (id === null ? '' : (projects.find((p) => p.id === id)?.name ?? ''));
  const nameOf = (id: string) =>
    users.find((u) => u.id === id)?.displayName ?? projects.find((p) => p.id === id)?.name ?? workgroups.find((w) => w.id === id)?.name;

  return (
    <section className="panel admin-panel" aria-label="Audit log">
      <div className="audit-filters" role="group" aria-label="Audit filters">
        <form onSubmit={applyAction} className="audit-filter-action">
          <label>
            Action
            <input
              value={actionDraft}
              onChange={(e) => setActionDraft(e.target.value)}
              onBlur={() => actionDraft.trim() !== filters.action && setFilter({ action: actionDraft.trim() })}
              placeholder="e.g. api-key.create"
              list="audit-actions"
              aria-describedby={page.error !== null && filters.action !== '' ? 'audit-error' : undefined}
            />
          </label>
          <datalist id="audit-actions">
            {[...new Set(items.map((e) => e.action))].sort().map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </form>
        <label>
          Outcome
          <select value={filters.outcome} onChange={(e) => setFilter({ outcome: e.target.value })}>
            <option value="">Any</option>
            {auditOutcomes.map((o) => (
              <option key={o} value={o}>
                {o.charAt(0).toUpperCase() + o.slice(1)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor
          <select value={filters.actorId} onChange={(e) => setFilter({ actorId: e.target.value })}>
            <option value="">Anyone</option>
            {[...users]
              .sort((a, b) => a.displayName.localeCompare(b.displayName))
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
          </select>
        </label>
        {(filters.action !== '' || filters.outcome !== '' || filters.actorId !== '') && (
          <button
            className="small link"
            onClick={() => {
              setActionDraft('');
              setFilter({ action: '', outcome: '', actorId: '' });
            }}
          >
            Clear filters
          </button>
        )}
        <div className="audit-filters-end">
          <button onClick={() => void runExport()} disabled={exportState.busy}>
            {exportState.busy ? 'Exporting…' : 'Export JSON Lines'}
          </button>
        </div>
      </div>
      {exportState.error !== null && (
        <p className="error" role="alert">
          Export failed: {exportState.error}
        </p>
      )}
      {exportState.message !== null && (
        <p className="ok-note" role="status">
          {exportState.message}
        </p>
      )}
      {page.error !== null && (
        <p className="error" role="alert" id="audit-error">
          {page.error}
        </p>
      )}
      {page.data === null ? (
        <p className="muted">{page.loading ? 'Loading events…' : ''}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{cursors.length === 0 ? 'No events match these filters.' : 'No more events.'}</p>
      ) : (
        <div className="table-scroll">
          <table className="dense-table audit-table" aria-label="Audit events">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Resource</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const detail = detailText(e, nameOf);
                const named = e.resourceId === null ? undefined : nameOf(e.resourceId);
                const inProject = scope.kind === 'org' ? projectName(e.projectId) : '';
                return (
                  <tr key={e.id}>
                    <td className="num muted">{e.seq}</td>
                    <td className="muted nowrap">{formatDateTime(e.at)}</td>
                    <td className="nowrap">{userName(users, e.actorId)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td className="muted nowrap">
                      {e.resourceKind}
                      {named !== undefined && <span className="resource-name"> {named}</span>}
                      {inProject !== '' && inProject !== named && ` in ${inProject}`}
                    </td>
                    <td>
                      <span className={`outcome outcome-${e.outcome}`}>{e.outcome}</span>
                    </td>
                    <td className="muted audit-detail" title={detail}>
                      {detail}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <span className="muted">{firstSeq === undefined || lastSeq === undefined ? '' : firstSeq === lastSeq ? `Event ${firstSeq}` : `Events ${firstSeq}–${lastSeq}, oldest first`}</span>
        <button className="small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <button
          className="small"
          disabled={page.data?.nextCursor == null}
          onClick={() => {
            const next = page.data?.nextCursor;
            if (next != null) setCursors((c) => [...c, next]);
          }}
        >
          Next page
        </button>
      </div>
    </section>
  );
}
