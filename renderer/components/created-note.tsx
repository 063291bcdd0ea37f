/** Says what was just created, with a way to open it. */
export function CreatedNote({ what, name, onOpen }: { readonly what: string; readonly name: string; readonly onOpen: () => void }) {
  return (
    <p className="ok-note" role="status">
      {what} {name} created.{' '}
      <button type="button" className="link" onClick={onOpen}>
        Open it
      </button>
    </p>
  );
}
