import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the sync server's command line into `dist/sync-server/cli.js` (ESM, npm packages left
 * to node_modules), so that it runs on plain `node`. Run under a TypeScript loader, the server
 * also carries the loader and its caches: some 35 MB more memory for as long as it runs.
 */
export async function buildSyncServer(root: string, outdir = join(root, 'dist', 'sync-server')): Promise<string> {
  const outfile = join(outdir, 'cli.js');
  await build({
    entryPoints: [join(root, 'sync-server', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return outfile;
}

// `npm run sync-server` builds first, then starts the bundle.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSyncServer(join(dirname(fileURLToPath(import.meta.url)), '..'));
}
