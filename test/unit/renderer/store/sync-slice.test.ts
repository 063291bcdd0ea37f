import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../../shared/app-api/app-result';
import { createAppStore } from '../../../../renderer/store/app-store';
import { createFakeAppApi } from '../support/fake-app-api';
import { documentState, signedOut, syncState } from '../support/directory-fixtures';

const conversationDoc = 'conversation:cnv_0123456789abcdef';
const projectDoc = 'project:prj_0123456789abcdef';

describe('sync slice', () => {
  it('holds the state of each open document by name, replaced whole by each sync state', () => {
    const store = createAppStore(createFakeAppApi({}).api);
    store.getState().applySyncState(syncState({ documents: [documentState(conversationDoc), documentState(projectDoc, { status: 'offline', unstored: 2 })] }));
    expect(Object.keys(store.getState().documentStates).sort()).toEqual([conversationDoc, projectDoc]);
    store.getState().applyDocumentState(documentState(projectDoc, { status: 'synced' }));
    expect(store.getState().documentStates[projectDoc]).toMatchObject({ status: 'synced', unstored: 0 });

    // A document closed since is no longer listed.
    store.getState().applySyncState(syncState({ documents: [documentState(conversationDoc)] }));
    expect(Object.keys(store.getState().documentStates)).toEqual([conversationDoc]);
  });

  it('follows main: the sync state at start, then its events', async () => {
    const fake = createFakeAppApi({
      'session.get': () => ok(signedOut),
      'settings.get': () => ok({ theme: 'system' }),
      'sync.state': () => ok(syncState({ online: false, outboxPending: 3 })),
    });
    const store = createAppStore(fake.api);
    await store.start();
    expect(store.getState().sync).toMatchObject({ online: false, outboxPending: 3 });
    fake.emit('sync.state', syncState({ documents: [documentState(conversationDoc, { refusal: 'Viewers cannot write messages' })] }));
    expect(store.getState().sync?.online).toBe(true);
    expect(store.getState().documentStates[conversationDoc]?.refusal).toBe('Viewers cannot write messages');
    fake.emit('documents.state', documentState(conversationDoc, { status: 'refused', refusal: 'Viewers cannot write messages', generation: 1 }));
    expect(store.getState().documentStates[conversationDoc]).toMatchObject({ status: 'refused', generation: 1 });
    store.stop();
    fake.emit('sync.state', syncState({ online: false }));
    expect(store.getState().sync?.online).toBe(true);
  });

  it('dismisses a refusal through main, and keeps the notice when main could not record it', async () => {
    let recorded = false;
    const fake = createFakeAppApi({
      'documents.dismissRefusal': () => (recorded ? ok({}) : fail('unauthenticated', 'Sign in first.')),
    });
    const store = createAppStore(fake.api);
    store.getState().applyDocumentState(documentState(conversationDoc, { refusal: 'Viewers cannot write messages', generation: 1 }));

    expect(await store.getState().dismissRefusal(conversationDoc)).toBe(false);
    expect(store.getState().documentStates[conversationDoc]?.refusal).toBe('Viewers cannot write messages');

    recorded = true;
    expect(await store.getState().dismissRefusal(conversationDoc)).toBe(true);
    expect(store.getState().documentStates[conversationDoc]).toMatchObject({ refusal: null, generation: 1 });
    expect(fake.inputsOf('documents.dismissRefusal')).toEqual([{ name: conversationDoc }, { name: conversationDoc }]);
  });
});
