import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../../main/launch/electron-binary';

describe('finding the Electron binary', () => {
  it('answers the path that require("electron") gives when the file is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quorum-electron-'));
    const binary = join(dir, 'electron');
    writeFileSync(binary, '');
    try {
      expect(findElectronBinary(() => binary)).toBe(binary);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers null when the package has no binary, names a missing file, or is not a path', () => {
    expect(
      findElectronBinary(() => {
        throw new Error('Electron failed to install correctly');
      }),
    ).toBeNull();
    expect(findElectronBinary(() => join(tmpdir(), 'no-such-electron-binary'))).toBeNull();
    expect(findElectronBinary(() => ({ app: {} }))).toBeNull();
  });

  it('agrees with this machine', () => {
    const found = findElectronBinary();
    expect(found === null || typeof found === 'string').toBe(true);
  });
});
