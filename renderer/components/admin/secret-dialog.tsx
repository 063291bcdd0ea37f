import { useEffect, useRef, useState } from 'react';

/**
 * Shows a newly minted API key's secret, the only time it is ever shown. Closing drops it: the
 * parent keeps it in state only while this dialog is open.
 */
export function SecretDialog({ name, secret, onClose }: { readonly name: string; readonly secret: string; readonly onClose: () => void }) {
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
        <h2 id="secret-title">API key “{name}” created</h2>
        <p id="secret-warning" className="warning-box">
          Copy this secret now and store it somewhere safe. It is shown only once: after you close this dialog nobody, including you and the
          server, can show it again. If you lose it, revoke the key and create a new one.
        </p>
        <label className="secret-label">
          Secret
          <input ref={field} className="secret" readOnly value={secret} onFocus={(e) => e.target.select()} spellCheck={false} />
        </label>
        <div className="dialog-actions">
          <span className="copy-status" role="status">
            {copied === 'yes' ? 'Copied to the clipboard' : copied === 'failed' ? 'Press Ctrl+C (⌘C) to copy the selected secret' : ''}
          </span>
          <button ref={copyButton} onClick={() => void copy()}>
            Copy secret
          </button>
          <button className="primary" onClick={onClose}>
            I have stored it, close
          </button>
        </div>
      </div>
    </div>
  );
}
