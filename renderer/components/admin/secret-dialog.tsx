import { useEffect, useRef, useState } from 'react';

export interface SecretDialogProps {
  readonly title: string;
  /** What the secret is for and what to do with it; that it is shown once is said after it. */
  readonly instructions: string;
  /** The field's label, which also names the secret in the copy button. */
  readonly label: string;
  readonly secret: string;
  readonly onClose: () => void;
}

/**
 * Shows a new secret (an API key, an invitation's link) the only time it is ever shown. Closing
 * drops it: the parent keeps it in state only while this dialog is open.
 */
export function SecretDialog({ title, instructions, label, secret, onClose }: SecretDialogProps) {
  const copyButton = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    copyButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (some browsers outside a secure context): select it for a manual copy.
      field.current?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="secret-title" aria-describedby="secret-warning">
        <h2 id="secret-title">{title}</h2>
        <p id="secret-warning" className="warning-box">
          {instructions} It is shown only once: after you close this dialog nobody, including you and the server, can show it again.
        </p>
        <label className="secret-label">
          {label}
          <input ref={field} className="secret" readOnly value={secret} onFocus={(e) => e.target.select()} spellCheck={false} />
        </label>
        <div className="dialog-actions">
          <span className="copy-status" role="status">
            {copied === 'yes' ? 'Copied to the clipboard' : copied === 'failed' ? `Press Ctrl+C (⌘C) to copy the selected ${label.toLowerCase()}` : ''}
          </span>
          <button ref={copyButton} onClick={() => void copy()}>
            Copy {label.toLowerCase()}
          </button>
          <button className="primary" onClick={onClose}>
            I have stored it, close
          </button>
        </div>
      </div>
    </div>
  );
}
