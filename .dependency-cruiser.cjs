// @ts-check
/**
 * The dependency rules of src/ (docs/architecture.md explains the layers). `npm test` runs them (`npm run deps`);
 * test/unit/dependencyRules.test.ts shows they fail on a cycle and on each kind of forbidden import.
 *
 * The layers, lowest first. A folder may import its own files and the folders listed for it, nothing else of ours:
 *   core                      the shared kernel: domain types and ports
 *   i18n                      core
 *   commands                  core, i18n
 *   digioffice                core (a leaf: the DigiOffice client, its DTOs, the request mapping)
 *   storage                   core, config.ts
 *   cards                     core, i18n, digioffice
 *   notifications             core, storage, digioffice, bearerKeys.ts
 *   identity                  core, storage, digioffice, i18n
 *   tasks                     core, storage, digioffice, i18n, commands
 *   bot                       any folder above, config.ts
 * src/app.ts (the composition root), src/index.ts, src/server.ts and src/config.ts sit on top.
 */

/**
 * A forbidden-imports rule for the folder `folder`, which may use only `allowed` (folders, or root files).
 * @param {string} folder
 * @param {string[]} allowed
 * @returns {import('dependency-cruiser').IForbiddenRuleType}
 */
function layer(folder, allowed) {
  return {
    name: `${folder}-imports-only-${allowed.length > 0 ? allowed.join('-') : 'itself'}`.replace(/\.ts/g, ''),
    severity: 'error',
    comment: `src/${folder}/ may import only ${allowed.length > 0 ? allowed.map((a) => `src/${a}`).join(', ') : 'itself'} (docs/architecture.md).`,
    from: { path: `^src/${folder}/` },
    to: { path: '^(src|test|tools)/', pathNot: `^src/(${[folder, ...allowed].map((a) => a.replace(/\./g, '\\.')).join('|')})(/|$)` },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycle',
      severity: 'error',
      comment: 'Folders depend on each other in one direction only: no two folders may import each other, even through others.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'No module imports itself through others, inside a folder either.',
      from: {},
      to: { circular: true },
    },
    layer('core', []),
    layer('i18n', ['core']),
    layer('commands', ['core', 'i18n']),
    layer('digioffice', ['core']),
    layer('storage', ['core', 'config.ts']),
    layer('cards', ['core', 'i18n', 'digioffice']),
    layer('identity', ['core', 'storage', 'digioffice', 'i18n']),
    layer('notifications', ['core', 'storage', 'digioffice', 'bearerKeys.ts']),
    layer('tasks', ['core', 'storage', 'digioffice', 'i18n', 'commands']),
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
      comment: 'The product never imports the tests or the tools.',
      from: { path: '^src/' },
      to: { path: '^(test|tools)/' },
    },
  ],
  options: {
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['cjs', 'es6'],
  },
};
