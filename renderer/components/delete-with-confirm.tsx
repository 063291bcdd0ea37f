import { useState } from 'react';

export interface DeleteWithConfirmProps {
  /** What is deleted, as the buttons name it: "workgroup", "project". */
  readonly what: string;
  /** The question asked before, saying what goes with it. */
  readonly question: string;
  /** The policy's reason the deletion is refused, shown next to the disabled button. */
  readonly denial: string | null;
  readonly onDelete: () => Promise<void>;
}

/** A delete button that asks first, and says why when it may not be pressed. */
export function DeleteWithConfirm({ what, question, denial, onDelete }: DeleteWithConfirmProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="danger-zone">
      {confirming ? (
        <div className="confirm-box" role="group" aria-label={`Confirm deleting the ${what}`}>
          <p>{question}</p>
          <div className="form-actions">
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" className="small danger" onClick={() => void onDelete()}>
              Delete {what}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          {denial !== null && <span className="disabled-reason">{denial}</span>}
          <button type="button" className="danger" disabled={denial !== null} title={denial ?? undefined} onClick={() => setConfirming(true)}>
            Delete {what}…
          </button>
        </div>
      )}
    </div>
  );
}
