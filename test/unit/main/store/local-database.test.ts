import { describe } from 'vitest';
import { openLocalDatabase } from '../../../../main/store/local-database';
import { localMigrations } from '../../../../main/store/local-migrations';
import { describeSqliteOpener } from '../../shared/store/support/sqlite-opener-behaviour';

describe("the desktop's local database file", () => {
  describeSqliteOpener(openLocalDatabase, localMigrations, /schema version \d+, newer than this version of the app knows \(\d+\)/);
});
