import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { build, type Metafile, type OutputFile, type Plugin } from 'esbuild';
import { asciiOnly, type SourceMapJson } from './asciiOutput';

/** The repository's root (this file is tools/bundle/bundle.ts). */
export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * Packages the bundle does not contain: Node requires them from node_modules at run time. @azure/storage-blob is
 * needed only with `STORAGE=azure` (src/storage/createStorage.ts requires its backend when that store is chosen), so
 * left out of the bundle a bot on SQLite never reads or compiles it.
 */
export const EXTERNAL_PACKAGES = [
  '@azure/storage-blob',
  // restify requires it in a try/catch for its DTrace probes; it loads a native build of its own when there is one.
  'dtrace-provider',
  // Only `require.resolve`d: src/server.ts serves its MicrosoftTeams.min.js file to the sign-in page.
  '@microsoft/teams-js',
  // Only `require.resolve`d when the writer thread runs from TypeScript sources (tests), never in a bundle.
  'tsx',
];

/** An entry point: the file `<name>.js` in the output folder is built from `source` (a path under the repository). */
export interface Entry {
  name: string;
  source: string;
}

/**
 * The product's two entry points: the process (src/index.ts) and the embedded store's writer thread, which
 * src/storage/sqliteWriter.ts starts from the file `sqliteWriterWorker.js` next to the running bundle.
 */
export const PRODUCT_ENTRIES: Entry[] = [
  { name: 'index', source: 'src/index.ts' },
  { name: 'sqliteWriterWorker', source: 'src/storage/sqliteWriterWorker.ts' },
];

/**
 * Bundles `entries` into `outDir` as the product ships: one CommonJS file per entry for Node 24, without whitespace or
 * comments but with the source's names (stack traces, `constructor.name`), a source map next to each file (used only when
 * Node runs with --enable-source-maps), and the licences of the bundled packages in `<name>.js.LEGAL.txt`.
 * The product build (tools/bundle/main.ts) and the bench's bot (bench/lib/bundleBot.ts) both build with this.
 */
export async function bundle(entries: Entry[], outDir: string): Promise<Metafile> {
  const result = await build({
    entryPoints: Object.fromEntries(entries.map((entry) => [entry.name, join(REPO_ROOT, entry.source)])),
    outdir: outDir,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    // Identifiers keep their names rather than being minified and named again with esbuild's keepNames: keepNames
    // wraps every function expression in a call that redefines its `name`, also the closures made per request, which
    // cost 10–15 % more CPU per accepted notification (bench, ingest: 353–376 µs against 297–320 µs without). The
    // names cost 2 MB more source text.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    external: EXTERNAL_PACKAGES,
    plugins: [userlandPunycode, sameCopyOnce(readLock()), jsonAsText],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  // A warning is a `require` esbuild could not follow, and it would fail at run time: each must be looked at (and
  // its package listed above when it is needed at run time), never passed by.
  if (result.warnings.length > 0) throw new Error(`the bundle has ${result.warnings.length} warning(s), printed above`);
  writeOutputs(result.outputFiles);
  return result.metafile;
}

/** Writes the build's files, each bundle (and its map) with only ASCII characters (asciiOutput.ts says why). */
function writeOutputs(files: OutputFile[]): void {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  for (const file of files) {
    if (!file.path.endsWith('.js')) continue;
    const map = byPath.get(`${file.path}.map`);
    if (map === undefined) throw new Error(`no source map for ${file.path}`);
    const ascii = asciiOnly(file.text, JSON.parse(map) as SourceMapJson);
    byPath.set(file.path, ascii.code);
    byPath.set(`${file.path}.map`, JSON.stringify(ascii.map));
  }
  for (const [path, text] of byPath) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
}

/** What the bundle needs of package-lock.json: each installed package's folder, name, version, integrity, deps. */
interface LockedPackage {
  version?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  link?: boolean;
}

function readLock(): Record<string, LockedPackage> {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };
  return lock.packages;
}

/**
 * npm installs a package once per place its version range cannot be shared: botbuilder, botbuilder-core,
 * botframework-connector and botframework-schema each hold their own copy of zod 3.25.76. Node loads each copy as
 * separate modules; bundled as they are, each would be in the bundle (and in memory) again. This plugin sends every
 * import of such a copy to one of them: only for copies with the same version and the same integrity (the same
 * published files) and without dependencies of their own (so the copy chosen cannot resolve its own imports to other
 * versions than the others would). Returns the folder (relative to the repository, `/`-separated) → the folder used.
 */
export function sameCopies(packages: Record<string, LockedPackage>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const [folder, entry] of Object.entries(packages)) {
    if (!folder.includes('node_modules/') || entry.link || !entry.version || !entry.integrity) continue;
    if (Object.keys({ ...entry.dependencies, ...entry.peerDependencies }).length > 0) continue;
    const name = folder.slice(folder.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const key = `${name}@${entry.version} ${entry.integrity}`;
    groups.set(key, [...(groups.get(key) ?? []), folder]);
  }
  const used = new Map<string, string>();
  for (const folders of groups.values()) {
    if (folders.length < 2) continue;
    const [first, ...others] = [...folders].sort((a, b) => a.length - b.length || a.localeCompare(b)) as [string, ...string[]];
    for (const folder of others) used.set(folder, first);
  }
  return used;
}

/** The installed package folder a resolved file is in (`node_modules/a/node_modules/@s/b`), relative to the repository. */
function packageFolder(file: string): string | null {
  const relative = file
    .slice(REPO_ROOT.length + 1)
    .split(sep)
    .join('/');
  const at = relative.lastIndexOf('node_modules/');
  if (at < 0) return null;
  const [scopeOrName = '', name = ''] = relative.slice(at + 'node_modules/'.length).split('/');
  return relative.slice(0, at) + `node_modules/${scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName}`;
}

const RESOLVING = Symbol('sameCopyOnce');

function sameCopyOnce(packages: Record<string, LockedPackage>): Plugin {
  const used = sameCopies(packages);
  return {
    name: 'same-copy-once',
    setup(build) {
      // Bare imports only (`zod`, `zod/v3`): a copy is entered through its name, and relative imports inside the
      // copy chosen stay in it.
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING) return undefined;
        const { importer, namespace, resolveDir, kind, with: attributes } = args;
        const resolved = await build.resolve(args.path, { importer, namespace, resolveDir, kind, with: attributes, pluginData: RESOLVING });
        // Anything else is left to esbuild's own resolution (which leaves a `require` it cannot resolve inside a
        // try/catch to fail at run time, as ws's and node-fetch's optional packages expect).
        if (resolved.errors.length > 0 || resolved.external) return undefined;
        const folder = packageFolder(resolved.path);
        const target = folder === null ? undefined : used.get(folder);
        if (!folder || !target) return undefined;
        return { ...resolved, path: join(REPO_ROOT, target, resolved.path.slice(join(REPO_ROOT, folder).length)) };
      });
    },
  };
}

/**
 * tr46 (under node-fetch 2, which botframework-connector uses) requires Node's own `punycode` module, deprecated since
 * Node 21. Node warns about it only when the require comes from outside node_modules, which a bundle is: every start
 * would log a DeprecationWarning. The bundle takes the npm package of the same code instead, as Node's notice advises
 * (`punycode` is a dependency for this).
 */
const userlandPunycode: Plugin = {
  name: 'userland-punycode',
  setup(build) {
    build.onResolve({ filter: /^punycode$/ }, ({ importer, resolveDir, kind }) =>
      build.resolve('punycode/', { importer, resolveDir, kind }),
    );
  },
};

/**
 * A JSON file a package requires (tr46's mapping table, mime-db's database: 130–260 KB each) is bundled as its text and
 * `JSON.parse`d when it is first required, as Node loads it from a file, instead of as a JavaScript object literal:
 * V8 compiles a literal of that size through a syntax tree of tens of MB (measured: a 40 MB parse zone when tr46's
 * table was first required), memory that glibc's malloc then keeps; a string literal costs its length.
 */
const jsonAsText: Plugin = {
  name: 'json-as-text',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/** How many bytes of each package (or `src`) a bundle's entry holds, largest first (for reports and tests). */
export function bytesByPackage(metafile: Metafile, output: string): Array<[string, number]> {
  const inputs = metafile.outputs[output]?.inputs ?? {};
  const bytes = new Map<string, number>();
  for (const [file, input] of Object.entries(inputs)) {
    const folder = packageFolder(join(REPO_ROOT, file)) ?? 'src';
    bytes.set(folder, (bytes.get(folder) ?? 0) + input.bytesInOutput);
  }
  return [...bytes].sort((a, b) => b[1] - a[1]);
}
