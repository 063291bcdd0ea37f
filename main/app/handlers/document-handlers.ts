import type { SyncState } from '../../../shared/app-api/app-api-contract';
import { fromBase64, toBase64 } from '../../../shared/encoding/base64';
import type { DocumentSyncPort } from '../ports';
import type { HandlerGroup } from './handler-group';

/** Shared documents (updates travel as base64 over the app API) and the sync state. */
export function documentHandlers(documents: () => DocumentSyncPort, syncState: () => SyncState): HandlerGroup<'documents' | 'sync'> {
  return {
    'documents.open': async ({ name }) => {
      const opened = await documents().open(name);
      return { update: toBase64(opened.update), state: opened.state };
    },
    'documents.update': async ({ name, update }) => {
      await documents().update(name, fromBase64(update));
      return {};
    },
    'documents.close': async ({ name }) => {
      await documents().close(name);
      return {};
    },
    'documents.presence': ({ name, state }) => {
      documents().setPresence(name, state);
      return {};
    },
    'documents.dropped': async ({ name }) => ({ changes: await documents().dropped(name) }),
    'documents.dismissRefusal': ({ name }) => {
      documents().dismissRefusal(name);
      return {};
    },
    'sync.state': () => syncState(),
  };
}
