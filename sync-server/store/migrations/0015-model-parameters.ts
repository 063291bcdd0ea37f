import type { Migration } from '../migration';

/**
 * Model entries keep their default parameters (temperature, max tokens, context length) and
 * agents the narrower ones they ask with, as JSON objects; `{}` is none set, as before.
 */
export const addModelParameters: Migration = {
  version: 15,
  name: 'model-parameters',
  up(db) {
    db.exec(`
      ALTER TABLE models ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE agents ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}';
    `);
  },
};
