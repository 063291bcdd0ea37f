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
  return (
    <div className={`sync-status sync-${status}`} role="status" aria-live="polite" title={refusal ?? labels[status]} data-testid="sync-status">
      <span className="dot" aria-hidden="true" />
      {labels[status]}
    </div>
  );
}
