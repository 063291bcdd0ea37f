import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../../shared/app-api/app-api-contract';
import { fail, ok } from '../../../../shared/app-api/app-result';
import { createAppStore } from '../../../../renderer/store/app-store';
import { createFakeAppApi } from '../support/fake-app-api';

describe('settings slice', () => {
  it('loads the settings main keeps, and keeps the defaults when it cannot', async () => {
    const store = createAppStore(createFakeAppApi({ 'settings.get': () => ok({ theme: 'dark' }) }).api);
    await store.getState().loadSettings();
    expect(store.getState().settings).toEqual({ theme: 'dark' });

    const failing = createAppStore(createFakeAppApi({ 'settings.get': () => fail('internal', 'Unreadable.') }).api);
    await failing.getState().loadSettings();
    expect(failing.getState().settings).toEqual({ theme: 'system' });
  });

  it('shows a new theme at once and keeps what main stored', async () => {
    let answer: (settings: AppSettings) => void = () => undefined;
    const fake = createFakeAppApi({
      'settings.set': () =>
        new Promise((resolve) => {
          answer = (settings) => resolve(ok(settings));
        }),
    });
    const store = createAppStore(fake.api);
    const setting = store.getState().setTheme('dark');
    expect(store.getState().settings.theme).toBe('dark');
    await expect.poll(() => fake.inputsOf('settings.set')).toEqual([{ theme: 'dark' }]);
    answer({ theme: 'dark' });
    await setting;
    expect(store.getState().settings).toEqual({ theme: 'dark' });
  });

  it('puts the previous theme back when main refuses the change', async () => {
    const fake = createFakeAppApi({ 'settings.get': () => ok({ theme: 'light' }), 'settings.set': () => fail('internal', 'Could not be saved.') });
    const store = createAppStore(fake.api);
    await store.getState().loadSettings();
    await store.getState().setTheme('dark');
    expect(store.getState().settings).toEqual({ theme: 'light' });
  });
});
