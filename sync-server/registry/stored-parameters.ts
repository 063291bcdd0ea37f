import type { ModelParameters } from '../../shared/domain/model-parameters';
import { ModelParameters as ParametersSchema, unsetParameters } from '../../shared/domain/model-parameters';

/** A `parameters` column as the domain reads it: rows from before parameters existed hold `{}`, none set. */
export function readParameters(column: string): ModelParameters {
  const parsed = ParametersSchema.safeParse({ ...unsetParameters, ...(JSON.parse(column) as object) });
  return parsed.success ? parsed.data : unsetParameters;
}
