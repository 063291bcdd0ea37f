/*
 * A desktop process for the crash test: opens the local database at argv[2], opens document
 * argv[3] against a sync server address nobody answers (argv[4]) as user argv[5], appends a
 * message, edits message argv[6], prints "stored" and waits to be killed.
 */
import { DocumentStore } from '../../../../../main/documents/document-store';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import { SyncManager } from '../../../../../main/sync/sync-manager';
import { contentOf, messageById, userAuthor, writeMessage } from '../../../sync-server/support/document-edits';

const [dbPath, name, serverUrl, userId, messageId] = process.argv.slice(2);
if (!dbPath || !name || !serverUrl || !userId || !messageId) throw new Error('usage: offline-editor <db> <document> <server url> <user id> <message id>');

const db = openLocalDatabase(dbPath);
const sync = new SyncManager({ store: new DocumentStore(db), serverUrl, token: () => 'unused', backoff: { baseMs: 20, maxMs: 200 } });
sync.open(name);
const doc = sync.document(name);
const written = writeMessage(doc, userAuthor(userId), 'Written just before the crash');
contentOf(messageById(doc, messageId)).insert(0, 'Edited offline: ');
process.stdout.write(`stored ${written} ${sync.state(name)?.unstored ?? 0}\n`);
// Keeps running (retrying the unreachable server) until the test kills it.
setInterval(() => undefined, 1_000);
