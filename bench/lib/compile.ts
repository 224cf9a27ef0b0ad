import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const REPO = join(__dirname, '..', '..');

/**
 * The bot runs as production runs it: plain JavaScript on Node, no TypeScript loader in the process (tsx would add its
 * own memory and startup to what the memory figure measures). Each file of src/ and of the bench's bot launcher is
 * transpiled on its own (no type check: `npm run typecheck` does that) into `outDir`, which gets links to the
 * repository's cards/, web/ and node_modules/ so paths resolve as in the container image. Returns the launcher's path.
 */
export function compileBot(outDir: string): string {
  const files = [
    ...walk(join(REPO, 'src')),
    ...['children/bot.ts', 'lib/rpc.ts', 'lib/storageCalls.ts', 'lib/product.ts', 'lib/memoryDetail.ts'].map((f) => join(REPO, 'bench', f)),
  ];
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        esModuleInterop: true,
        isolatedModules: true,
      },
    });
    const target = join(outDir, relative(REPO, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  for (const link of ['cards', 'node_modules', 'web']) symlinkSync(join(REPO, link), join(outDir, link), 'dir');
  return join(outDir, 'bench', 'children', 'bot.js');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
