import { performance } from 'node:perf_hooks';
import { Replica } from '../../../main/replica/replica';
import { openLocalDatabase } from '../../../main/store/local-database';

/*
 * Run as a fresh process by the replica benchmark: opens an existing local database and reads the
 * project list through the code the app uses, then prints how long after process start that was.
 */
const [path, orgId, userId] = process.argv.slice(2);
if (path === undefined || orgId === undefined || userId === undefined) {
  console.error('usage: first-project-list.ts <database> <orgId> <userId>');
  process.exit(2);
}
const db = openLocalDatabase(path);
const projects = Replica.open(db, { orgId, userId }).list('project');
const msSinceProcessStart = performance.now();
console.log(JSON.stringify({ projects: projects.length, msSinceProcessStart }));
db.close();
