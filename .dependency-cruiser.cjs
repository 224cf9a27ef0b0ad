// @ts-check
/**
 * The dependency rules of src/ and bench/ (docs/architecture.md explains the layers). `npm test` runs them
 * (`npm run deps`); test/unit/dependencyRules.test.ts shows they fail on a cycle and on each kind of forbidden import.
 *
 * The layers, lowest first. A folder may import its own files and the folders listed for it, nothing else of ours:
 *   core                      the shared kernel: domain types and ports
 *   bearerKeys.ts             nothing of ours (the bearer-key rule: config.ts and notifications/ use it)
 *   appFolders.ts             nothing of ours (where cards/ and web/ are, from the sources and the shipped build)
 *   i18n                      core
 *   commands                  core, i18n
 *   digioffice                core (a leaf: the DigiOffice client, its DTOs, the request mapping)
 *   http                      core (plain Node body reading and refusals; only server.ts uses it)
 *   storage                   core, config.ts
 *   cards                     core, i18n, digioffice, appFolders.ts
 *   notifications             core, storage, digioffice, bearerKeys.ts
 *   identity                  core, storage, digioffice, i18n
 *   tasks                     core, storage, digioffice, i18n, commands
 *   bot                       any folder above except http, config.ts
 *   metrics                   core (the Prometheus registry and the METRICS_PORT server)
 *   ops                       core, metrics, notifications, identity, tasks, bearerKeys.ts (the admin API, audit,
 *                             correlation ids, and the decorators that measure; never bot or http)
 * src/app.ts (the composition root), src/index.ts, src/server.ts, src/config.ts and src/logger.ts sit on top.
 * The webhook's published contract (notifications/{contract,contractExamples,openapi,connector}.ts) is served by
 * server.ts and written by tools/openapi; nothing else in src/ imports it. bench/ reaches the product only through
 * bench/lib/product.ts.
 */

/**
 * `name` (a folder, or a root file such as `config.ts`) as a path pattern under src/.
 * @param {string} name
 */
function under(name) {
  return `^src/${name.replace(/\./g, '\\.')}${name.endsWith('.ts') ? '$' : '/'}`;
}

/**
 * A forbidden-imports rule for `part` (a folder, or a root file), which may use only `allowed` (folders, or root
 * files).
 * @param {string} part
 * @param {string[]} allowed
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
function layer(part, allowed) {
  return {
    name: `${part}-imports-only-${allowed.length > 0 ? allowed.join('-') : 'itself'}`.replace(/\.ts/g, ''),
    severity: 'error',
    comment: `src/${part} may import only ${allowed.length > 0 ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'} (docs/architecture.md).`,
    from: { path: under(part) },
    to: { path: '^(src|test|tools|bench)/', pathNot: [part, ...allowed].map(under).join('|') },
  };
}

/**
 * A rule that, of the modules under `scope`, only `importers` (and `target`'s own modules) import `target`.
 * @param {string} name
 * @param {string} target a path pattern
 * @param {string[]} importers path patterns
 * @param {string} comment
 * @param {string} scope a path pattern
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
function importedOnlyBy(name, target, importers, comment, scope = '^src/') {
  return { name, severity: 'error', comment, from: { path: scope, pathNot: [target, ...importers].join('|') }, to: { path: target } };
}

/** The files that describe and publish the webhook's contract (OpenAPI 3.1 and the Swagger 2.0 connector). */
const CONTRACT_FILES = '^src/notifications/(contract|contractExamples|openapi|connector)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'Folders of src/ depend on each other in one direction only: no two may import each other, even through others.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'No module of src/ imports itself through others, inside a folder either.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    layer('core', []),
    layer('bearerKeys.ts', []),
    layer('appFolders.ts', []),
    layer('i18n', ['core']),
    layer('commands', ['core', 'i18n']),
    layer('digioffice', ['core']),
    layer('http', ['core']),
    layer('storage', ['core', 'config.ts']),
    layer('cards', ['core', 'i18n', 'digioffice', 'appFolders.ts']),
    layer('identity', ['core', 'storage', 'digioffice', 'i18n']),
    layer('notifications', ['core', 'storage', 'digioffice', 'bearerKeys.ts']),
    layer('tasks', ['core', 'storage', 'digioffice', 'i18n', 'commands']),
    layer('metrics', ['core']),
    layer('ops', ['core', 'metrics', 'notifications', 'identity', 'tasks', 'bearerKeys.ts']),
    importedOnlyBy(
      'http-only-for-server',
      '^src/http/',
      ['^src/server\\.ts$'],
      'src/http/ reads bodies and sends refusals for src/server.ts, the one place that routes HTTP.',
    ),
    importedOnlyBy(
      'bearer-keys-for-config-and-webhook',
      '^src/bearerKeys\\.ts$',
      ['^src/config\\.ts$', '^src/notifications/', '^src/ops/'],
      'The bearer-key rule is parsed by src/config.ts and checked by src/notifications/ (senders) and src/ops/ (administrators); nobody else holds keys.',
    ),
    importedOnlyBy(
      'contract-only-for-server',
      CONTRACT_FILES,
      ['^src/server\\.ts$'],
      'The published contract is built from the webhook schemas, never the other way round: in src/ only server.ts (which serves it) and the contract files themselves import it.',
    ),
    importedOnlyBy(
      'bench-reaches-the-product-through-lib-product',
      '^src/',
      ['^bench/lib/product\\.ts$'],
      'bench/lib/product.ts names everything the bench takes from src/, so a refactoring of src/ touches one bench file.',
      '^bench/',
    ),
    {
      name: 'botbuilder-and-restify-only-at-the-edge',
      severity: 'error',
      comment: 'Only src/bot/ and src/server.ts talk to botbuilder and restify; everything else sees the ports in src/core.',
      from: { path: '^src/', pathNot: '^src/(bot/|server\\.ts$)' },
      to: { path: '(^|/)node_modules/(@types/)?(botbuilder|botbuilder-[^/]+|botframework-[^/]+|restify)/' },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      comment: 'src/app.ts builds everything; only src/index.ts (and tests and tools) may import it. Nothing imports src/index.ts.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/(app|index)\\.ts$' },
    },
    {
      name: 'src-stands-alone',
      severity: 'error',
      comment: 'The product never imports the tests, the tools or the bench.',
      from: { path: '^src/' },
      to: { path: '^(test|tools|bench)/' },
    },
  ],
  options: {
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['cjs', 'es6'],
  },
};
