interface NameFieldsProps {
  readonly name: string;
  readonly description: string;
  readonly onName: (name: string) => void;
  readonly onDescription: (description: string) => void;
}

/** The first row of a registry entry's form: its name, required, and a line describing it. */
export function NameFields({ name, description, onName, onDescription }: NameFieldsProps) {
  return (
    <div className="field-row">
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(e) => onName(e.target.value)} required />
      </label>
      <label className="field grow">
        <span>Description</span>
        <input value={description} onChange={(e) => onDescription(e.target.value)} />
      </label>
    </div>
  );
}
