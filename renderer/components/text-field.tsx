import { useId } from 'react';

export interface TextFieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** The schema's limit: the field refuses more, and says how much is left near the end. */
  readonly maxLength: number;
  readonly required?: boolean;
  /** This field's refusal, shown under it. */
  readonly error?: string | null;
  readonly help?: string;
  readonly placeholder?: string;
  readonly multiline?: boolean;
  readonly grow?: boolean;
}

/**
 * A labelled text input that carries its schema's limits: a length cap, a required marker, and
 * the server's refusal for this field right under it, in words.
 */
export function TextField({ label, value, onChange, maxLength, required = false, error = null, help, placeholder, multiline = false, grow = false }: TextFieldProps) {
  const id = useId();
  const left = maxLength - value.length;
  const note = error ?? (left <= Math.min(20, maxLength / 10) ? `${String(left)} of ${String(maxLength)} characters left` : help ?? null);
  const props = {
    value,
    maxLength,
    required,
    placeholder,
    'aria-invalid': error !== null ? true : undefined,
    'aria-describedby': note !== null ? `${id}-note` : undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <label className={`text-field${grow ? ' grow' : ''}`}>
      <span>
        {label}
        {required && (
          <span className="required" title="Required">
            {' '}
            *
          </span>
        )}
      </span>
      {multiline ? <textarea rows={2} {...props} /> : <input {...props} />}
      {note !== null && (
        <span id={`${id}-note`} className={error !== null ? 'field-error' : 'field-note'} role={error !== null ? 'alert' : undefined}>
          {note}
        </span>
      )}
    </label>
  );
}
