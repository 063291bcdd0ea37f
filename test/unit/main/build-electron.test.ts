import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../../main/build-electron';

const root = join(import.meta.dirname, '..', '..', '..');

describe('bundling the Electron shell', () => {
  const out = mkdtempSync(join(tmpdir(), 'quorum-electron-build-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes main.js as ESM and a self-contained preload.cjs that requires nothing but electron', async () => {
    expect(await buildElectron(root, out)).toBe(join(out, 'main.js'));
    const main = readFileSync(join(out, 'main.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toContain('contextIsolation: true');
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\)/);
  });
});
