import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasRendererApp, needsBuild } from '../../../../main/launch/renderer-build';

describe('when the renderer is built', () => {
  let dir: string;
  let source: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'quorum-build-'));
    source = join(dir, 'renderer');
    out = join(dir, 'dist');
    mkdirSync(join(source, 'src'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('waits for the renderer to have an app', () => {
    expect(hasRendererApp(source)).toBe(false);
    writeFileSync(join(source, 'index.html'), '');
    expect(hasRendererApp(source)).toBe(true);
  });

  it('builds when the output is missing or older than any source', () => {
    writeFileSync(join(source, 'index.html'), '');
    writeFileSync(join(source, 'src', 'app.tsx'), '');
    expect(needsBuild(source, out)).toBe(true);
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), '');
    at(join(source, 'index.html'), 1000);
    at(join(source, 'src', 'app.tsx'), 1000);
    at(join(out, 'index.html'), 2000);
    expect(needsBuild(source, out)).toBe(false);
    at(join(source, 'src', 'app.tsx'), 3000);
    expect(needsBuild(source, out)).toBe(true);
  });
});
