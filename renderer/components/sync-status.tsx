import { useAppStore } from '../store/store-context';

type Status = 'online' | 'offline' | 'syncing' | 'refused';

const labels: Record<Status, string> = { online: 'Online', offline: 'Offline', syncing: 'Syncing', refused: 'Change refused' };

/** Always visible: whether this app reaches the server, is sending changes, or had one refused. */
export function SyncStatus() {
  const status = useAppStore((s): Status => {
    const documents = Object.values(s.documentStates);
    if (documents.some((d) => d.status === 'refused' || d.refusal !== null)) return 'refused';
    if (s.sync !== null && !s.sync.online) return 'offline';
    if ((s.sync?.outboxPending ?? 0) > 0 || documents.some((d) => d.status === 'syncing' || d.unstored > 0)) return 'syncing';
    return s.sync === null ? 'syncing' : 'online';
  });
  const refusal = useAppStore((s) => Object.values(s.documentStates).find((d) => d.refusal !== null)?.refusal ?? null);
  const waiting = useAppStore((s) => s.sync?.outboxPending ?? 0);
  const setMainView = useAppStore((s) => s.setMainView);
  return (
    <button
      className={`sync-status sync-${status}`}
      title={`${refusal ?? labels[status]}${waiting > 0 ? ` · ${String(waiting)} changes waiting` : ''} — show pending and rejected changes`}
      aria-label={`Sync: ${labels[status]}. Show pending and rejected changes`}
      onClick={() => setMainView('changes')}
    >
      <span className="dot" aria-hidden="true" />
      <span role="status" aria-live="polite" data-testid="sync-status">
        {labels[status]}
      </span>
      {waiting > 0 && <span className="badge state-pending">{`${String(waiting)} waiting`}</span>}
    </button>
  );
}
