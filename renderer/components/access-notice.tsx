import { useAppStore } from '../store/store-context';

/** Tells the person that their own roles changed while the app ran, until they dismiss it. */
export function AccessNotice() {
  const notice = useAppStore((s) => s.accessNotice);
  const dismiss = useAppStore((s) => s.dismissAccessNotice);
  if (notice === null) return null;
  return (
    <section className="access-notice" aria-label="Your access changed">
      <p role="status">{notice}</p>
      <button className="small" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
