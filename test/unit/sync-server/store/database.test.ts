import { describe } from 'vitest';
import { openDatabase } from '../../../../sync-server/store/database';
import { migrations } from '../../../../sync-server/store/migrations';
import { describeSqliteOpener } from '../../shared/store/support/sqlite-opener-behaviour';

describe("the sync server's database file", () => {
  describeSqliteOpener(openDatabase, migrations, /schema version \d+, newer than this server knows \(\d+\)/);
});
