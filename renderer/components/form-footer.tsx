interface FormFooterProps {
  /** Why the policy refuses the action, shown above the buttons and on the disabled one. */
  readonly denial: string | null;
  readonly error: string | null;
  readonly submitLabel: string;
  /** True while the form is incomplete or being sent. */
  readonly disabled: boolean;
  /** Why the button waits while `disabled` (a required field still empty), said next to it. */
  readonly waiting?: string | null;
  readonly onCancel?: () => void;
}

/** The end of a form card: the policy's reason, the last error, and its buttons. */
export function FormFooter({ denial, error, submitLabel, disabled, waiting = null, onCancel }: FormFooterProps) {
  return (
    <>
      {denial !== null && <p className="reason">{denial}</p>}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        {onCancel !== undefined && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {denial === null && disabled && waiting !== null && <span className="disabled-reason">{waiting}</span>}
        <button type="submit" className="primary" disabled={disabled || denial !== null} title={denial ?? (disabled ? (waiting ?? undefined) : undefined)}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
