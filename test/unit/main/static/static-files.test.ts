import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf } from '../../../../main/static/content-types';
import { resolveStaticPath } from '../../../../main/static/static-files';

describe('static files of the renderer', () => {
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'quorum-static-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets', 'nested'), { recursive: true });
    mkdirSync(join(root, 'empty'));
    writeFileSync(join(root, 'index.html'), 'index');
    writeFileSync(join(root, 'assets', 'app.js'), 'js');
    writeFileSync(join(root, 'assets', 'nested', 'index.html'), 'nested');
    writeFileSync(join(root, '.env'), 'SECRET=1');
    writeFileSync(join(base, 'outside.txt'), 'outside');
    if (process.platform !== 'win32') symlinkSync(join(base, 'outside.txt'), join(root, 'assets', 'link.txt'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['/', join('renderer', 'index.html')],
    ['/index.html', join('renderer', 'index.html')],
    ['/assets/app.js', join('renderer', 'assets', 'app.js')],
    ['/assets/nested/', join('renderer', 'assets', 'nested', 'index.html')],
    ['/assets/nested', join('renderer', 'assets', 'nested', 'index.html')],
    ['/some/route', join('renderer', 'index.html')],
    ['/assets%2Fapp.js', join('renderer', 'assets', 'app.js')],
  ])('serves %s from %s', (path, expected) => {
    const found = resolveStaticPath(root, path);
    expect(found.status).toBe(200);
    if (found.status === 200) expect(found.path).toBe(join(base, expected));
  });

  it.each([
    ['/../outside.txt', 403],
    ['/assets/../../outside.txt', 403],
    ['/%2e%2e/outside.txt', 403],
    ['/%2e%2e%2foutside.txt', 403],
    ['/assets/..%5C..%5Coutside.txt', 403],
    ['/assets\\..\\..\\outside.txt', 403],
    ['/./index.html', 403],
    ['/%00', 400],
    ['/index.html%00.js', 400],
    ['/%E0%A4%A', 400],
    ['relative.html', 400],
    ['/.env', 404],
    ['/assets/.hidden/x.js', 404],
    ['/empty/', 404],
    ['/assets/missing.js', 404],
  ] as const)('refuses %s with %i', (path, status) => {
    expect(resolveStaticPath(root, path).status).toBe(status);
  });

  it.runIf(process.platform !== 'win32')('refuses a symbolic link that leads outside', () => {
    expect(resolveStaticPath(root, '/assets/link.txt').status).toBe(403);
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.JS', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['module.wasm', 'application/wasm'],
    ['archive.tar', 'application/octet-stream'],
  ])('types %s as %s', (name, type) => {
    expect(contentTypeOf(name)).toBe(type);
  });
});
