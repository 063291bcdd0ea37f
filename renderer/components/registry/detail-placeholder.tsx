/** What a registry entry's page shows before the entry has loaded, or when it could not be. */
export function DetailPlaceholder({ back, onBack, error }: { back: string; onBack: () => void; error: string | null }) {
  return (
    <div className="panel">
      <button className="link" onClick={onBack}>
        ← {back}
      </button>
      {error !== null ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </div>
  );
}
