import { describe, expect, it } from 'vitest';
import { DisplayName } from '../../../../shared/domain/text-fields';
import { parseInput } from '../../../../shared/domain/schema-error';
import { fieldLabel, fieldSentence } from '../../../../shared/domain/field-sentence';

describe('fieldLabel', () => {
  it.each([
    ['body.name', 'Name'],
    ['name', 'Name'],
    ['body.displayName', 'Display name'],
    ['query.action', 'Action'],
    ['body.primaryWorkgroupId', 'Primary workgroup'],
    ['body.sharedWorkgroupIds.1', 'Shared workgroups (item 2)'],
    ['examples.0.input', 'Input (item 1)'],
    ['body.baseUrl', 'Base URL'],
    ['body.target.email', 'Email'],
    ['body', 'The request body'],
    ['', 'The request'],
    ['params.id', 'ID'],
  ])('%s reads as %s', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });
});

describe('fieldSentence', () => {
  it('never shows the request path a field sits in', () => {
    const parsed = parseInput(DisplayName, 'x'.repeat(101));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(fieldSentence('body.name', parsed.error.message)).toBe('Name must have at most 100 characters');
  });

  it('says a mistyped field is not taken, in words', () => {
    expect(fieldSentence('body.nmae', 'unknown field')).toBe('Nmae is an unknown field');
  });
});
