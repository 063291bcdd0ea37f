import { useState } from 'react';

/**
 * Deleting a registry entry: the policy's reason before the click when it is refused, a second
 * click to confirm, and the server's reason when it refuses anyway.
 */
export function DeleteEntry({
  what,
  name,
  consequence,
  denial,
  onDelete,
}: {
  /** `model` or `agent`, as the buttons say it. */
  readonly what: string;
  readonly name: string;
  readonly consequence: string;
  readonly denial: string | null;
  /** Deletes; resolves with the server's refusal, or null once deleted. */
  readonly onDelete: () => Promise<string | null>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="detail-section" aria-label={`Delete ${what}`}>
      <h2>Delete</h2>
      <p className="muted small-text">{consequence}</p>
      {confirming ? (
        <div className="inline-form" role="group" aria-label={`Confirm deleting ${name}`}>
          <span>Delete {name} for everyone?</span>
          <button
            className="danger"
            onClick={() =>
              void onDelete().then((refusal) => {
                setError(refusal);
                setConfirming(false);
              })
            }
          >
            Delete for good
          </button>
          <button onClick={() => setConfirming(false)}>Keep it</button>
        </div>
      ) : (
        <button className="danger" disabled={denial !== null} title={denial ?? undefined} onClick={() => setConfirming(true)}>
          Delete {what}
        </button>
      )}
      {denial !== null && <p className="reason">{denial}</p>}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
