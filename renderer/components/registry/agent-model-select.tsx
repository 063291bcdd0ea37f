import { useId } from 'react';
import type { ModelEntry } from '../../../shared/domain/model-entry';

/**
 * The model an agent prefers, or the project's default. A chosen model no longer visible here
 * stays chosen until another is picked.
 */
export function AgentModelSelect({ models, value, onChange }: { readonly models: readonly ModelEntry[]; readonly value: string; readonly onChange: (modelId: string) => void }) {
  const id = useId();
  return (
    <div className="field-row">
      <div className="field">
        <label htmlFor={`${id}-model`}>Model</label>
        <select id={`${id}-model`} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">The project’s default model</option>
          {value !== '' && !models.some((m) => m.id === value) && <option value={value}>A model not visible to you</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
