import type { ModelParameterName, ModelParameters } from '../../../shared/domain/model-parameters';
import { ModelParameters as ParametersSchema, narrowingProblems, parameterNames, parameterRules } from '../../../shared/domain/model-parameters';

/** The fields as typed: empty is unset. */
export type ParameterDraft = Readonly<Record<ModelParameterName, string>>;

export const draftOf = (parameters: ModelParameters): ParameterDraft => ({
  temperature: parameters.temperature === null ? '' : String(parameters.temperature),
  maxTokens: parameters.maxTokens === null ? '' : String(parameters.maxTokens),
  contextLength: parameters.contextLength === null ? '' : String(parameters.contextLength),
});

/** The parameters a draft says, or why it says none: the schema's own words. */
export function parametersOf(draft: ParameterDraft): { readonly value: ModelParameters } | { readonly problem: string } {
  const value = (text: string) => (text.trim() === '' ? null : Number(text));
  const parsed = ParametersSchema.safeParse({ temperature: value(draft.temperature), maxTokens: value(draft.maxTokens), contextLength: value(draft.contextLength) });
  if (parsed.success) return { value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  const label = typeof field === 'string' && field in parameterRules ? parameterRules[field as ModelParameterName].label : 'a parameter';
  return { problem: `The ${label} ${issue?.code === 'invalid_type' ? 'must be a number' : (issue?.message ?? 'is not valid').toLowerCase()}.` };
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/**
 * Why these parameters cannot be saved, or null: not numbers in range, or (with `ceiling`, the
 * model's defaults) a value above what the model sets, which the server refuses the same way.
 */
export function parameterDenial(draft: ParameterDraft, ceiling: { readonly parameters: ModelParameters; readonly name: string } | null): string | null {
  const read = parametersOf(draft);
  if ('problem' in read) return read.problem;
  if (ceiling === null) return null;
  const [problem] = narrowingProblems(ceiling.parameters, read.value, ceiling.name);
  return problem === undefined ? null : sentence(`The agent ${problem.message}`);
}

/**
 * Temperature, max tokens and context length; empty fields are unset. With `ceiling` each field
 * says the most the model allows.
 */
export function ParameterFields({ value, onChange, ceiling, legend }: { readonly value: ParameterDraft; readonly onChange: (draft: ParameterDraft) => void; readonly ceiling: ModelParameters | null; readonly legend: string }) {
  return (
    <fieldset className="field-row">
      <legend>{legend}</legend>
      {parameterNames.map((name) => {
        const most = ceiling?.[name] ?? null;
        return (
          <label key={name} className="field">
            <span>{`${parameterRules[name].label.charAt(0).toUpperCase()}${parameterRules[name].label.slice(1)}`}</span>
            <input
              type="number"
              inputMode="decimal"
              step={name === 'temperature' ? '0.1' : '1'}
              value={value[name]}
              placeholder={most === null ? 'not set' : `at most ${String(most)}`}
              onChange={(e) => onChange({ ...value, [name]: e.target.value })}
            />
          </label>
        );
      })}
    </fieldset>
  );
}
