import { useAppStore } from '../store/store-context';

/** Picks one of the organization's workgroups by name, or none (organization-wide). */
export function WorkgroupSelect({ label, value, disabled = false, onChange }: { readonly label: string; readonly value: string; readonly disabled?: boolean; readonly onChange: (id: string) => void }) {
  const workgroups = useAppStore((s) => s.workgroups);
  return (
    <label>
      {label}
      <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        <option value="">None (organization-wide)</option>
        {workgroups.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}
