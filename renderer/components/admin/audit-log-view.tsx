import { useState } from 'react';
import type { AuditArea } from '../../../shared/domain/audit-areas';
import { auditAreas } from '../../../shared/domain/audit-areas';
import { auditOutcomes } from '../../../shared/domain/audit-event';
import type { AuditNames } from '../../../shared/domain/audit-sentence';
import { auditSentence } from '../../../shared/domain/audit-sentence';
import { chosenOption } from '../../lib/chosen-option';
import type { DirectoryRequest } from '../../../shared/app-api/app-api-contract';
import { useApi } from '../../api/api-context';
import { useAppStore } from '../../store/store-context';
import { callEndpoint } from '../../api/call-endpoint';
import { formatDateTime } from './admin-format';
import { useEndpoint } from '../../api/use-directory-query';

const pageSize = 50;
const auditAreaIds = auditAreas.map((a) => a.id);

/** Whose audit log a view shows: the organization's, or one project's. */
export type AuditLogViewScope = { readonly kind: 'org'; readonly fileStem: string } | { readonly kind: 'project'; readonly projectId: string; readonly fileStem: string };

interface Filters {
  readonly area: AuditArea | '';
  readonly outcome: string;
  readonly actorId: string;
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
 * An audit log as a paged table, newest first, each event a sentence with names, with filters by
 * area, outcome and actor, and an export of every matching event as JSON Lines. `denial` is the policy's
 * (or the plan's) reason when the user may not read it: then nothing is asked of the server.
 */
export function AuditLogView({ scope, denial }: { readonly scope: AuditLogViewScope; readonly denial: string | null }) {
  const api = useApi();
  const users = useAppStore((s) => s.users);
  const projects = useAppStore((s) => s.projects);
  const workgroups = useAppStore((s) => s.workgroups);
  const [filters, setFilters] = useState<Filters>({ area: '', outcome: '', actorId: '' });
  // Cursors of the pages before the current one, so "Previous" can go back.
  const [cursors, setCursors] = useState<number[]>([]);
  const [exportState, setExportState] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });

  const query: Record<string, string> = { limit: String(pageSize), order: 'newest' };
  if (filters.area !== '') query['area'] = filters.area;
  if (filters.outcome !== '') query['outcome'] = filters.outcome;
  if (filters.actorId !== '') query['actorId'] = filters.actorId;
  const exportQuery = { ...query };
  delete exportQuery['limit'];
  delete exportQuery['order'];
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
  const names: AuditNames = {
    person: (id) => (id === null ? 'Quorum' : (users.find((u) => u.id === id)?.displayName ?? 'someone no longer listed')),
    thing: (id) => users.find((u) => u.id === id)?.displayName ?? projects.find((p) => p.id === id)?.name ?? workgroups.find((w) => w.id === id)?.name,
  };

  return (
    <section className="panel admin-panel" aria-label="Audit log">
      <div className="audit-filters" role="group" aria-label="Audit filters">
        <label>
          Area
          <select value={filters.area} onChange={(e) => setFilter({ area: chosenOption(auditAreaIds, e.target.value) ?? '' })}>
            <option value="">Everything</option>
            {auditAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
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
        {(filters.area !== '' || filters.outcome !== '' || filters.actorId !== '') && (
          <button className="small link" onClick={() => setFilter({ area: '', outcome: '', actorId: '' })}>
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
        <p className="error" role="alert">
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
                <th scope="col">Event</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const { sentence, details } = auditSentence(e, names);
                return (
                  <tr key={e.id}>
                    <td className="num muted">{e.seq}</td>
                    <td className="muted nowrap">{formatDateTime(e.at)}</td>
                    <td className="audit-detail" title={e.action}>
                      <span>{sentence}</span>
                      {details.length > 0 && <div className="muted">{details.join(' · ')}</div>}
                    </td>
                    <td>
                      <span className={`outcome outcome-${e.outcome}`}>{e.outcome}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <span className="muted">{firstSeq === undefined || lastSeq === undefined ? '' : firstSeq === lastSeq ? `Event ${firstSeq}` : `Events ${firstSeq}–${lastSeq}, newest first`}</span>
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
