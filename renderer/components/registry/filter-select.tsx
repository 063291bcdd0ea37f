import { chosenOption } from '../../lib/chosen-option';

/** One filter of a registry table: a labelled select whose first choice, "Any", filters nothing. */
export function FilterSelect<V extends string>({
  label,
  name,
  value,
  options,
  onChange,
  any = 'Any',
}: {
  label: string;
  /** What is filtered, for the accessible name: "Filter by <name>". */
  name: string;
  value: V | '';
  options: readonly { readonly value: V; readonly label: string }[];
  onChange: (value: V | '') => void;
  any?: string;
}) {
  const values = options.map((o) => o.value);
  return (
    <label className="field inline">
      <span>{label}</span>
      <select aria-label={`Filter by ${name}`} value={value} onChange={(e) => onChange(chosenOption(values, e.target.value) ?? '')}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Options whose label is their value, for enums shown as they are. */
export const asOptions = <V extends string>(values: readonly V[]) => values.map((value) => ({ value, label: value }));
