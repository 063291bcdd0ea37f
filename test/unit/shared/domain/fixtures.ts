import { expect } from 'vitest';
import type { z } from 'zod';
import type { IdPrefix } from '../../../../shared/domain/ids';
import { parseInput } from '../../../../shared/domain/schema-error';
import type { FieldError } from '../../../../shared/domain/schema-error';

/** A valid id of the given kind; different `n` give different ids. */
export function id(prefix: IdPrefix, n = 1): string {
  return `${prefix}_${String(n).padStart(16, '0')}`;
}

export const created = '2025-01-31T09:30:00.000Z';
export const later = '2025-02-01T10:00:00.000Z';

export function sha(char: string): string {
  return char.repeat(64);
}

/** Parses and returns the value, failing the test with the field error if it does not parse. */
export function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = parseInput(schema, input);
  if (!result.ok) {
    expect.fail(`expected input to parse, got ${result.error.field}: ${result.error.message}`);
  }
  return result.value;
}

/** The field error for an input that must not parse. */
export function invalid(schema: z.ZodType, input: unknown): FieldError {
  const result = parseInput(schema, input);
  if (result.ok) expect.fail(`expected input to be refused: ${JSON.stringify(input)}`);
  return result.error;
}

/** Adds a field the schema does not know and checks that the error names it. */
export function expectUnknownFieldRefused(schema: z.ZodType, validInput: object, path: string[] = []): void {
  const withExtra = structuredClone(validInput) as Record<string, unknown>;
  let target: Record<string, unknown> = withExtra;
  for (const key of path) target = target[key] as Record<string, unknown>;
  target['surprise'] = 1;
  expect(invalid(schema, withExtra)).toEqual({
    field: [...path, 'surprise'].join('.'),
    message: 'unknown field',
  });
}
