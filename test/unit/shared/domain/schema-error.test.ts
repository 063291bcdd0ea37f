import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ModelVersion } from '../../../../shared/domain/model-version';
import { ProjectCreate } from '../../../../shared/domain/project';
import {
  humanErrorMap,
  parseInput,
  toFieldError,
  toFieldErrors,
} from '../../../../shared/domain/schema-error';
import { id } from './fixtures';

function errorOf(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return result.error;
}

describe('toFieldErrors', () => {
  it('names each unknown key as its own field, nested ones with their path', () => {
    const schema = z.strictObject({ a: z.strictObject({ b: z.string() }) });
    expect(toFieldErrors(errorOf(schema, { a: { b: 'x', c: 1 }, d: 2, e: 3 }))).toEqual([
      { field: 'a.c', message: 'unknown field' },
      { field: 'd', message: 'unknown field' },
      { field: 'e', message: 'unknown field' },
    ]);
  });

  it('puts unknown keys first, since a typo also makes the intended field missing', () => {
    expect(toFieldErrors(errorOf(ProjectCreate, { nmae: 'x' }))).toEqual([
      { field: 'nmae', message: 'unknown field' },
      { field: 'name', message: 'is required' },
    ]);
  });

  it('joins array indexes into the dotted path', () => {
    const schema = z.strictObject({ items: z.array(z.strictObject({ n: z.number() })) });
    expect(toFieldError(errorOf(schema, { items: [{ n: 1 }, { n: 'two' }] }))).toEqual({
      field: 'items.1.n',
      message: 'must be a number',
    });
  });

  it('uses an empty field for the input itself', () => {
    expect(toFieldError(errorOf(z.strictObject({}), 'text'))).toEqual({ field: '', message: 'must be an object' });
  });

  it('keeps the messages our schemas set', () => {
    expect(toFieldError(errorOf(ModelVersion.shape.checksum, 'ABC'))).toEqual({
      field: '',
      message: 'must be 64 lowercase hex characters (a SHA-256 digest)',
    });
  });

  it('tells a missing field from a wrong one without the input', () => {
    const schema = z.strictObject({ name: z.string() });
    expect(toFieldError(errorOf(schema, {})).message).toBe('is required');
    expect(toFieldError(errorOf(schema, { name: 3 })).message).toBe('must be a string');
  });

  it('falls back to a generic message for a bare refinement', () => {
    expect(toFieldError(errorOf(z.string().refine(() => false), 'x'))).toEqual({ field: '', message: 'is not valid' });
  });
});

describe('messages rewritten from zod issues', () => {
  it.each<[string, z.ZodType, unknown, string]>([
    ['string too short', z.string().min(3), 'ab', 'must have at least 3 characters'],
    ['empty string', z.string().min(1), '', 'must not be empty'],
    ['string too long', z.string().max(2), 'abc', 'must have at most 2 characters'],
    ['string of exact length', z.string().length(4), 'abc', 'must have exactly 4 characters'],
    ['array too short', z.array(z.number()).min(2), [1], 'must have at least 2 items'],
    ['array too long', z.array(z.number()).max(1), [1, 2], 'must have at most 1 item'],
    ['number too small', z.number().min(1), 0, 'must be at least 1'],
    ['number not positive', z.number().positive(), 0, 'must be greater than 0'],
    ['number too big', z.number().max(5), 6, 'must be at most 5'],
    ['number not below', z.number().lt(5), 5, 'must be less than 5'],
    ['not an integer', z.int(), 1.5, 'must be an integer'],
    ['not a multiple', z.number().multipleOf(5), 7, 'must be a multiple of 5'],
    ['not a boolean', z.boolean(), 'yes', 'must be a boolean'],
    ['not an array', z.array(z.string()), 'a', 'must be an array'],
    ['enum', z.enum(['a', 'b']), 'c', 'must be one of: a, b'],
    ['literal', z.literal('on'), 'off', 'must be on'],
    ['email', z.email(), 'nope', 'must be a valid email address'],
    ['url', z.url(), 'nope', 'must be a valid URL'],
    ['datetime', z.iso.datetime(), 'nope', 'must be an ISO 8601 date-time such as 2025-01-31T09:30:00.000Z'],
    ['regex', z.string().regex(/^a$/), 'b', 'has an invalid format'],
    ['union of plain types', z.union([z.string(), z.number(), z.boolean()]), null, 'must be a string, a number or a boolean'],
    ['union of objects', z.union([z.strictObject({ a: z.string() }), z.strictObject({ b: z.string() })]), { c: 1 }, 'does not match any of the allowed forms'],
    ['record key', z.record(z.string().regex(/^[a-z]+$/, 'must be lowercase'), z.number()), { A: 1 }, 'has an invalid key: must be lowercase'],
    ['missing enum value', z.strictObject({ e: z.enum(['a']) }), {}, 'is required'],
  ])('%s', (_, schema, input, message) => {
    const parsed = parseInput(schema, input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(message);
    if (message !== 'is required') expect(toFieldError(errorOf(schema, input)).message).toBe(message);
  });

  it('writes every message so that it reads after a field name', () => {
    const schema = z.strictObject({
      a: z.string().min(2),
      b: z.number().max(1),
      c: z.enum(['x']),
      d: z.array(z.string()).min(1),
      e: z.email(),
    });
    const result = schema.safeParse({ a: 'x', b: 2, c: 'y', d: [], e: 'z', f: 0 }, { error: humanErrorMap });
    expect(result.success).toBe(false);
    if (result.success) return;
    const messages = toFieldErrors(result.error).map((error) => error.message);
    expect(messages).toHaveLength(6);
    for (const message of messages) expect(message).toMatch(/^[a-z]/);
  });
});

describe('parseInput', () => {
  it('returns the parsed value, defaults applied', () => {
    expect(parseInput(ProjectCreate, { name: 'Search' })).toMatchObject({
      ok: true,
      value: { name: 'Search', description: '', sharedWorkgroupIds: [] },
    });
  });

  it('returns the first field error', () => {
    expect(parseInput(ProjectCreate, { name: 'Search', defaultModelId: id('agt') })).toEqual({
      ok: false,
      error: {
        field: 'defaultModelId',
        message: 'must be an id of the form mdl_ followed by 16 to 32 lowercase letters or digits',
      },
    });
  });

  it('names a bad value inside the project metadata', () => {
    expect(parseInput(ProjectCreate, { name: 'Search', metadata: { team: ['a'] } })).toEqual({
      ok: false,
      error: { field: 'metadata.team', message: 'must be a string (at most 1000 characters), a finite number or a boolean' },
    });
  });

  it('never echoes the input in the error', () => {
    const secret = 'hunter2-but-longer';
    const result = parseInput(z.strictObject({ password: z.string().max(5) }), { password: secret });
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
