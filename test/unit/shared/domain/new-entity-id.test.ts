import { describe, expect, it } from 'vitest';
import { entityId, idPrefixes } from '../../../../shared/domain/ids';
import { newEntityId } from '../../../../shared/domain/new-entity-id';

describe('newEntityId', () => {
  it('makes ids every id schema of its kind accepts', () => {
    for (const prefix of Object.values(idPrefixes)) {
      const id = newEntityId(prefix);
      expect(id).toMatch(new RegExp(`^${prefix}_[0-9a-z]{24}$`));
      expect(entityId(prefix).safeParse(id).success).toBe(true);
    }
  });

  it('does not repeat itself and uses the whole alphabet', () => {
    const ids = Array.from({ length: 2000 }, () => newEntityId('prj'));
    expect(new Set(ids).size).toBe(ids.length);
    const characters = new Set(ids.join('').replaceAll('prj_', ''));
    expect(characters.size).toBe(36);
  });
});
