import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Compiles a TypeScript entry point and every relative module it imports to CommonJS under
 * `outDir`, keeping the tree's layout, so it runs on plain `node` the way a packaged app runs its
 * compiled code: no loader compiling TypeScript at start. Packages are left to `require` (run with
 * NODE_PATH pointing at the repository's node_modules). Answers the compiled entry's path.
 */
export function compileForNode(entry: string, root: string, outDir: string): string {
  const pending = [resolve(entry)];
  const done = new Set<string>();
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    verbatimModuleSyntax: false,
  };
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), imported.fileName);
      pending.push(base.endsWith('.ts') ? base : `${base}.ts`);
    }
    const output = ts.transpileModule(source, { compilerOptions: options, fileName: file }).outputText;
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  writeFileSync(join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  return join(outDir, relative(root, resolve(entry))).replace(/\.ts$/, '.js');
}
