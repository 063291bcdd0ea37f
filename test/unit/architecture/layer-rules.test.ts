import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of the architecture, as data. Each source folder names the layers it may import
 * by relative path and the npm packages it may use; everything else is refused.
 */
const layers = {
  shared: { mayImport: ['shared'], packages: ['zod', 'yjs', 'lib0', 'y-protocols'], node: false },
  'sync-server': { mayImport: ['shared', 'sync-server'], packages: '*', node: true },
  main: { mayImport: ['shared', 'main'], packages: '*', node: true },
  renderer: {
    mayImport: ['shared', 'renderer'],
    packages: ['react', 'react-dom', 'zustand', 'yjs', 'lib0', 'zod', 'react-markdown', 'remark-gfm', 'rehype-highlight'],
    node: false,
  },
} as const satisfies Record<string, { mayImport: readonly string[]; packages: readonly string[] | '*'; node: boolean }>;

type LayerName = keyof typeof layers;
const root = resolve(import.meta.dirname, '../../..');
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every import in `layer` that breaks the rules, as readable lines. */
function violations(layer: LayerName, base = root): string[] {
  const rule = layers[layer];
  const found: string[] = [];
  for (const file of sourceFiles(join(base, layer))) {
    const where = relative(base, file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) {
        const target = relative(base, resolve(dirname(file), specifier));
        const targetLayer = target.split(sep)[0] ?? '';
        if (!(rule.mayImport as readonly string[]).includes(targetLayer)) {
          found.push(`${where} imports ${specifier} (layer ${targetLayer})`);
        }
      } else if (nodeBuiltins.has(specifier) || nodeBuiltins.has(packageName(specifier))) {
        if (!rule.node) found.push(`${where} imports the Node built-in ${specifier}`);
      } else if (rule.packages !== '*' && !(rule.packages as readonly string[]).includes(packageName(specifier))) {
        found.push(`${where} imports the package ${specifier}, not allowed in ${layer}/`);
      }
    }
  }
  return found;
}

describe('layer rules', () => {
  for (const layer of Object.keys(layers) as LayerName[]) {
    it(`${layer}/ imports only what its layer allows`, () => {
      expect(violations(layer)).toEqual([]);
    });
  }

  it('reports imports that cross a layer the wrong way', () => {
    const base = mkdtempSync(join(tmpdir(), 'quorum-layers-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), text);
    };
    write('shared/policy/bad.ts', "import { readFileSync } from 'node:fs';\nimport { x } from '../../main/x';\n");
    write('renderer/bad.tsx', "import { ipcRenderer } from 'electron';\nconst y = await import('../sync-server/y');\n");
    write('main/ok.ts', "import { z } from '../shared/z';\nimport { y } from '../sync-server/y';\n");
    expect(violations('shared', base)).toEqual([
      `${join('shared', 'policy', 'bad.ts')} imports the Node built-in node:fs`,
      `${join('shared', 'policy', 'bad.ts')} imports ../../main/x (layer main)`,
    ]);
    expect(violations('renderer', base)).toEqual([
      `${join('renderer', 'bad.tsx')} imports the package electron, not allowed in renderer/`,
      `${join('renderer', 'bad.tsx')} imports ../sync-server/y (layer sync-server)`,
    ]);
    expect(violations('main', base)).toEqual([`${join('main', 'ok.ts')} imports ../sync-server/y (layer sync-server)`]);
  });

  it('shared/ is type-checked without Node or DOM typings', () => {
    const config = ts.readConfigFile(join(root, 'shared/tsconfig.json'), ts.sys.readFile).config as {
      compilerOptions: { lib: string[]; types: string[] };
    };
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.compilerOptions.lib.map((l) => l.toLowerCase())).not.toContain('dom');
  });

  it('renderer/ is type-checked without Node typings', () => {
    const config = ts.readConfigFile(join(root, 'renderer/tsconfig.json'), ts.sys.readFile).config as {
      compilerOptions: { types: string[] };
    };
    expect(config.compilerOptions.types).toEqual([]);
  });

  it('source and test files have kebab-case names', () => {
    const offenders = ['shared', 'sync-server', 'main', 'renderer', 'test']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .map((file) => relative(root, file))
      .filter((file) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/.test(file.split(sep).pop() ?? ''));
    expect(offenders).toEqual([]);
  });
});
