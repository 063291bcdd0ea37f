import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** The newest modification time among the renderer's sources (0 when there are none). */
export function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Whether the build output is missing or older than any source. */
export function needsBuild(sourceDir: string, outDir: string): boolean {
  const built = join(outDir, 'index.html');
  if (!existsSync(built)) return true;
  return newestSourceTime(sourceDir) > statSync(built).mtimeMs;
}

/** The renderer has an app to build once it has its `index.html` (another part of the project writes it). */
export function hasRendererApp(sourceDir: string): boolean {
  return existsSync(join(sourceDir, 'index.html'));
}

/** Builds the renderer with vite into `outDir`; throws when the build fails. */
export function buildRenderer(sourceDir: string, outDir: string): void {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', sourceDir, '--outDir', relative(sourceDir, outDir), '--emptyOutDir'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`The renderer build failed (exit code ${String(result.status)}).`);
}
