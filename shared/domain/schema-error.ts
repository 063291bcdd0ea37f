import type { z } from 'zod';

/** One problem with an input, as a 400 response names it: where, and what is wrong there. */
export type FieldError = {
  /** Dotted path from the root of the input (`visibility.projectId`, `examples.0.input`); `''` for the input itself. */
  field: string;
  /** Reads after the field name: "checksum must be 64 lowercase hex characters". */
  message: string;
};

type Issue = z.core.$ZodIssue | z.core.$ZodRawIssue;

// Convention: messages written in our schemas start with a lowercase letter and are kept as they
// are. Zod's own messages start with a capital and are written for developers ("Too small:
// expected string to have >=1 characters"), so those are rewritten from the issue's data.
function isOurMessage(message: string | undefined): message is string {
  return message !== undefined && /^[a-z]/.test(message);
}

const typeNames: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  bigint: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
  date: 'a date',
};

function typeName(expected: string): string {
  return typeNames[expected] ?? expected;
}

function count(n: number | bigint, singular: string): string {
  return `${String(n)} ${singular}${n === 1 || n === 1n ? '' : 's'}`;
}

function listOf(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

function describeBound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const unit = issue.origin === 'string' ? 'character' : issue.origin === 'array' || issue.origin === 'set' ? 'item' : null;
  if (unit !== null) {
    if (small && limit === 1 && issue.origin === 'string') return 'must not be empty';
    if (issue.exact === true) return `must have exactly ${count(limit, unit)}`;
    return `must have ${small ? 'at least' : 'at most'} ${count(limit, unit)}`;
  }
  if (issue.inclusive === false) return `must be ${small ? 'greater' : 'less'} than ${String(limit)}`;
  return `must be ${small ? 'at least' : 'at most'} ${String(limit)}`;
}

function describeFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  switch (issue.format) {
    case 'email':
      return 'must be a valid email address';
    case 'url':
      return 'must be a valid URL';
    case 'datetime':
      return 'must be an ISO 8601 date-time such as 2025-01-31T09:30:00.000Z';
    case 'regex':
      return 'has an invalid format';
    default:
      return `must be a valid ${issue.format}`;
  }
}

function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, missing: boolean): string {
  if (issue.inclusive === false) return 'must match exactly one of the allowed forms';
  if (issue.discriminator !== undefined && issue.options !== undefined) {
    return `must be one of: ${listOf(issue.options)}`;
  }
  // A union of plain types (string | number...) failing at its root says which types it takes.
  const expected = issue.errors.map((branch) => {
    const first = branch[0];
    return first?.code === 'invalid_type' && first.path.length === 0 ? first.expected : undefined;
  });
  if (expected.length > 0 && expected.every((name) => name !== undefined)) {
    if (missing) return 'is required';
    const names = expected.map(typeName);
    return `must be ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`}`;
  }
  return 'does not match any of the allowed forms';
}

function nestedMessage(issue: z.core.$ZodIssue): string {
  return isOurMessage(issue.message) ? issue.message : describe(issue, false);
}

function describe(issue: Issue, missing: boolean): string {
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeName(issue.expected)}`;
    case 'too_small':
    case 'too_big':
      return describeBound(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${listOf(issue.values)}`
        : `must be one of: ${listOf(issue.values)}`;
    case 'invalid_format':
      return describeFormat(issue);
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_union':
      return describeUnion(issue, missing);
    case 'invalid_key': {
      const first = issue.issues[0];
      return first === undefined ? 'has an invalid key' : `has an invalid key: ${nestedMessage(first)}`;
    }
    case 'invalid_element':
      return 'contains an invalid element';
    case 'custom':
      return 'is not valid';
  }
}

/**
 * Pass as the `error` option of `safeParse` so that every message, not only the ones our schemas
 * set, is written for people. Messages set on a schema take precedence over this map.
 */
export const humanErrorMap: z.core.$ZodErrorMap = (issue) => describe(issue, issue.input === undefined);

function joinPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

// Without the input (a plain safeParse does not report it) only zod's message tells a missing
// field from a wrong one.
function wasMissing(issue: z.core.$ZodIssue): boolean {
  if ('input' in issue) return issue.input === undefined;
  return /received undefined$/.test(issue.message);
}

/**
 * Every problem in a zod error as field errors. Unknown keys come first, one per key: a mistyped
 * field name also makes the intended field look missing, and the unknown key is the real cause.
 */
export function toFieldErrors(error: z.core.$ZodError): FieldError[] {
  const unknown: FieldError[] = [];
  const others: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        unknown.push({ field: joinPath([...issue.path, key]), message: 'unknown field' });
      }
      continue;
    }
    const message = isOurMessage(issue.message) ? issue.message : describe(issue, wasMissing(issue));
    others.push({ field: joinPath(issue.path), message });
  }
  return [...unknown, ...others];
}

/** The one problem a 400 response reports. */
export function toFieldError(error: z.core.$ZodError): FieldError {
  return toFieldErrors(error)[0] ?? { field: '', message: 'is not valid' };
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: FieldError };

/** Parses untrusted input, answering with the value or the first problem in words a person reads. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input, { error: humanErrorMap });
  return result.success ? { ok: true, value: result.data } : { ok: false, error: toFieldError(result.error) };
}
