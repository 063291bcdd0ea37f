import { describe, expect, it } from 'vitest';
import { readPersonalActivity, writePersonalActivity } from '../../../../renderer/lib/personal-activity';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), items };
}

describe('personal conversation activity on this device', () => {
  it('keeps each conversation’s latest activity per person and project', () => {
    const storage = memoryStorage();
    writePersonalActivity(storage, 'u1', 'p1', 'c1', { at: '2026-01-01T00:00:00.000Z', preview: 'First' });
    writePersonalActivity(storage, 'u1', 'p1', 'c2', { at: '2026-01-02T00:00:00.000Z', preview: 'Second' });
    writePersonalActivity(storage, 'u1', 'p1', 'c1', { at: '2026-01-03T00:00:00.000Z', preview: 'Third' });
    expect(readPersonalActivity(storage, 'u1', 'p1')).toEqual({ c1: { at: '2026-01-03T00:00:00.000Z', preview: 'Third' }, c2: { at: '2026-01-02T00:00:00.000Z', preview: 'Second' } });
    expect(readPersonalActivity(storage, 'u2', 'p1')).toEqual({});
  });

  it('reads malformed storage as nothing recorded, dropping only the bad entries', () => {
    const storage = memoryStorage();
    storage.setItem('quorum.conversation-activity.u1.p1', '{not json');
    expect(readPersonalActivity(storage, 'u1', 'p1')).toEqual({});
    storage.setItem('quorum.conversation-activity.u1.p1', JSON.stringify({ c1: { at: 'soon', preview: 1 }, c2: { at: '2026-01-02T00:00:00.000Z', preview: 'ok' } }));
    expect(readPersonalActivity(storage, 'u1', 'p1')).toEqual({ c2: { at: '2026-01-02T00:00:00.000Z', preview: 'ok' } });
  });
});
