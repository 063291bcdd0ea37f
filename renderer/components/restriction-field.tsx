/** One choice of a checkbox grid: the value it stands for and what people read. */
export interface Choice {
  readonly id: string;
  readonly label: string;
}

interface ChoiceGridProps {
  readonly choices: readonly Choice[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  /** Each box's accessible name, from its choice's label (`Allow model Llama`). */
  readonly ariaLabel: (label: string) => string;
  /** Said instead of an empty grid. */
  readonly empty: string;
  /** Labels are identifiers (tool names): shown in the monospace face. */
  readonly code?: boolean;
}

/** A grid of checkboxes over a list of choices; the order of `selected` is kept, new ones go last. */
export function ChoiceGrid({ choices, selected, onChange, ariaLabel, empty, code = false }: ChoiceGridProps) {
  if (choices.length === 0) return <span className="muted">{empty}</span>;
  return (
    <div className="opt-check-grid">
      {choices.map((choice) => (
        <label key={choice.id} className="opt-check">
          <input
            type="checkbox"
            checked={selected.includes(choice.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, choice.id] : selected.filter((id) => id !== choice.id))}
            aria-label={ariaLabel(choice.label)}
          />
          {code ? <span className="tool-name">{choice.label}</span> : choice.label}
        </label>
      ))}
    </div>
  );
}

interface RestrictionFieldProps extends Omit<ChoiceGridProps, 'selected' | 'onChange'> {
  readonly legend: string;
  /** The switch between no restriction (null) and a chosen list (`Only allow chosen models`). */
  readonly toggle: string;
  readonly value: readonly string[] | null;
  /** The list turning the restriction on starts from. */
  readonly initial: readonly string[] | null;
  readonly onChange: (value: string[] | null) => void;
  readonly error?: string | null;
}

/** A setting that is either no restriction at all or a chosen list: a model lock, a pool, a tool allowlist. */
export function RestrictionField({ legend, toggle, value, initial, onChange, error = null, ...grid }: RestrictionFieldProps) {
  return (
    <fieldset className="editor-field">
      <legend>{legend}</legend>
      <label className="opt-check">
        <input type="checkbox" checked={value !== null} onChange={(e) => onChange(e.target.checked ? [...(initial ?? [])] : null)} />
        {toggle}
      </label>
      {value !== null && <ChoiceGrid {...grid} selected={value} onChange={onChange} />}
      {error !== null && <p className="error">{error}</p>}
    </fieldset>
  );
}

interface ToolAllowlistFieldProps {
  readonly value: readonly string[] | null;
  readonly initial: readonly string[] | null;
  readonly onChange: (value: string[] | null) => void;
  /** Every tool name to offer, sorted. */
  readonly toolNames: readonly string[];
}

/** The tool allowlist of a project or workgroup: no restriction, or the chosen tools only. */
export function ToolAllowlistField({ value, initial, onChange, toolNames }: ToolAllowlistFieldProps) {
  return (
    <RestrictionField
      legend="Tool allowlist"
      toggle="Only allow chosen tools"
      value={value}
      initial={initial}
      onChange={onChange}
      choices={toolNames.map((name) => ({ id: name, label: name }))}
      ariaLabel={(label) => `Allow tool ${label}`}
      empty="No tools are known yet."
      code
    />
  );
}
