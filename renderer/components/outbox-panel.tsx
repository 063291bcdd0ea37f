import { useCallback, useEffect, useState } from 'react';
import type { OutboxEntry } from '../../shared/app-api/app-api-contract';
import { useApi } from '../api/api-context';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store-context';
import { RefusalNotice, useDocumentLabel } from './dropped-edits';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const statusLabels: Record<OutboxEntry['status'], string> = { pending: 'Waiting', rejected: 'Rejected', applied: 'Stored' };

function RefusedDocument({ name }: { readonly name: string }) {
  return (
    <>
      <h3>{useDocumentLabel(name)}</h3>
      <RefusalNotice name={name} />
    </>
  );
}

/**
 * Changes made here that the server has not accepted: waiting ones (sent when it is reachable)
 * and rejected ones with the server's reason, which stay until the user discards them.
 */
export function OutboxPanel() {
  const api = useApi();
  const online = useAppStore((s) => s.sync?.online ?? null);
  const unstored = useAppStore((s) => Object.values(s.documentStates).reduce((n, d) => n + d.unstored, 0));
  const refused = useAppStore(useShallow((s) => Object.values(s.documentStates).filter((d) => d.refusal !== null).map((d) => d.name)));
  const [entries, setEntries] = useState<OutboxEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await api['outbox.list']({});
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setEntries(result.value.filter((e) => e.status !== 'applied'));
  }, [api]);

  useEffect(() => {
    void load();
    const offSettled = api.on('outbox.settled', () => void load());
    const offSync = api.on('sync.state', () => void load());
    return () => {
      offSettled();
      offSync();
    };
  }, [api, load]);

  const discard = async (id: string) => {
    const result = await api['outbox.discard']({ id });
    if (!result.ok) setError(result.error.message);
    await load();
  };

  return (
    <main className="content" aria-label="Pending changes">
      <header className="project-head">
        <div>
          <h1>Pending and rejected changes</h1>
          <p className="muted">
            {online === false ? 'You are offline. ' : ''}
            Changes to projects, members and registries wait here until the server accepts them; messages travel with their conversation
            {unstored > 0 ? ` (${String(unstored)} not yet stored).` : '.'}
          </p>
        </div>
      </header>
      <div className="panel">
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {entries === null ? (
          <p className="muted">Loading…</p>
        ) : entries.length === 0 ? (
          <p className="muted">No project, member or registry change is waiting: every one made here has reached the server.</p>
        ) : (
          <ul className="outbox-list" aria-label="Changes">
            {entries.map((entry) => (
              <li key={entry.id} className="outbox-item">
                <div>
                  <div>{entry.summary}</div>
                  <div className="outbox-meta">
                    {`Made ${when.format(new Date(entry.createdAt))}`}
                    {entry.settledAt !== null && ` · answered ${when.format(new Date(entry.settledAt))}`}
                  </div>
                  {entry.error !== null && <p className="error">{`The server refused it: ${entry.error.message}`}</p>}
                </div>
                <div className="editor-actions">
                  <span className={`badge state-${entry.status}`}>{statusLabels[entry.status]}</span>
                  <button className="small" onClick={() => void discard(entry.id)} aria-label={`Discard: ${entry.summary}`}>
                    Discard
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      {refused.length > 0 && (
        <div className="panel" aria-label="Edits not accepted">
          <h2 className="section-heading">Edits the server did not accept</h2>
          {refused.map((name) => (
            <RefusedDocument key={name} name={name} />
          ))}
        </div>
      )}
    </main>
  );
}
