import { build } from 'esbuild';
import { join } from 'node:path';

/**
 * Bundles the Electron shell into `dist/main/electron/`: `main.js` (ESM, npm packages left to
 * node_modules, native better-sqlite3 included) and `preload.cjs` (one self-contained CommonJS
 * file, as a sandboxed preload must be: it may require nothing but `electron`).
 */
export async function buildElectron(root: string, outdir = join(root, 'dist', 'main', 'electron')): Promise<string> {
  await build({
    entryPoints: [join(root, 'main', 'electron', 'main.ts')],
    outfile: join(outdir, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(root, 'main', 'electron', 'preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outdir, 'main.js');
}
