import { z } from 'zod';

/**
 * How a model is asked: its default temperature, the most tokens an answer may take, and the
 * context length (tokens of prompt and answer together) the model holds. Null: not set, the
 * endpoint's own default. A model entry sets them; an agent may narrow them (never widen).
 */
export const ModelParameters = z.strictObject({
  temperature: z.number().min(0).max(2).nullable(),
  maxTokens: z.int().min(1).max(1_000_000).nullable(),
  contextLength: z.int().min(256).max(10_000_000).nullable(),
});
export type ModelParameters = z.infer<typeof ModelParameters>;

export const unsetParameters: ModelParameters = { temperature: null, maxTokens: null, contextLength: null };

export type ModelParameterName = keyof ModelParameters;

/**
 * The narrowing rules, as data: each parameter is a ceiling a narrower level (an agent) may lower
 * and never raise. Read by the server, which refuses a widening, by the forms, which say so before
 * saving, and by the runner, which asks with the lowest of the levels.
 */
export const parameterRules: Readonly<Record<ModelParameterName, { readonly label: string; readonly rule: 'ceiling' }>> = {
  temperature: { label: 'temperature', rule: 'ceiling' },
  maxTokens: { label: 'max tokens', rule: 'ceiling' },
  contextLength: { label: 'context length', rule: 'ceiling' },
};

export const parameterNames = Object.keys(parameterRules) as ModelParameterName[];

export interface NarrowingProblem {
  readonly field: ModelParameterName;
  readonly message: string;
}

/** Where `narrower` would widen `base` (set above the base's ceiling); empty when it only narrows. */
export function narrowingProblems(base: ModelParameters, narrower: ModelParameters, baseName: string): NarrowingProblem[] {
  return parameterNames.flatMap((field) => {
    const ceiling = base[field];
    const value = narrower[field];
    if (ceiling === null || value === null || value <= ceiling) return [];
    return [{ field, message: `may only narrow the ${parameterRules[field].label} of ${baseName}: at most ${String(ceiling)}, not ${String(value)}` }];
  });
}

/** The parameters a run asks with: each the lowest any level sets, or unset when none does. */
export function effectiveParameters(...levels: readonly ModelParameters[]): ModelParameters {
  const lowest = (field: ModelParameterName) =>
    levels.reduce<number | null>((current, level) => {
      const value = level[field];
      return value === null ? current : current === null ? value : Math.min(current, value);
    }, null);
  return { temperature: lowest('temperature'), maxTokens: lowest('maxTokens'), contextLength: lowest('contextLength') };
}

/** The parameters that are set, in words (`temperature 0.2, max tokens 512`), or null when none is. */
export function describeParameters(parameters: ModelParameters): string | null {
  const set = parameterNames.flatMap((name) => (parameters[name] === null ? [] : [`${parameterRules[name].label} ${String(parameters[name])}`]));
  return set.length === 0 ? null : set.join(', ');
}
