/*
 * A desktop process for the interrupted-run test. Opens the local database at argv[2], connects to
 * the sync server at argv[3] with token argv[4] as user argv[5] (account key argv[6]), and has agent
 * argv[9] answer in conversation argv[7] of project argv[8]. Once the first words of the answer are
 * stored on this device it prints "streaming <message id>" and waits, its model stalled, to be killed.
 */
import { DocumentStore } from '../../../../../main/documents/document-store';
import { openLocalDatabase } from '../../../../../main/store/local-database';
import { SyncManager } from '../../../../../main/sync/sync-manager';
import { documentName } from '../../../../../shared/sync/document-name';
import { contentOf, messageById } from '../../../sync-server/support/document-edits';
import { desktopRunner } from './desktop-runner';

const [dbPath, serverUrl, token, userId, account, conversationId, projectId, agentId] = process.argv.slice(2);
if (!dbPath || !serverUrl || !token || !userId || !account || !conversationId || !projectId || !agentId) {
  throw new Error('usage: answer-then-crash <db> <server> <token> <user id> <account> <conversation id> <project id> <agent id>');
}

const db = openLocalDatabase(dbPath);
const sync = new SyncManager({ store: new DocumentStore(db), serverUrl, token: () => token, backoff: { baseMs: 20, maxMs: 200 } });
const runner = desktopRunner({ sync, db, serverUrl, token, userId, account, projectId, secretsPath: `${dbPath}.secrets.json` });
const name = documentName('conversation', conversationId);

const { messageId } = await runner.run({ conversationId, agentId });
const watch = setInterval(() => {
  // Every local edit is stored before it is sent: text in the document is text on disk.
  if (contentOf(messageById(sync.document(name), messageId)).toString().length === 0) return;
  clearInterval(watch);
  process.stdout.write(`streaming ${messageId}\n`);
}, 10);
// Keeps running (the model never finishes) until the test kills it.
setInterval(() => undefined, 1_000);
