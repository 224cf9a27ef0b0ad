/**
 * Preloaded into a bot process (`--require`): when the process exits, writes the file of every CommonJS module it
 * loaded (`require.cache`), one per line, to the file named by LOADED_MODULES_FILE. Plain JavaScript, so it loads into
 * the shipped build's process too, which has no TypeScript loader.
 */
const { writeFileSync } = require('node:fs');

const target = process.env.LOADED_MODULES_FILE;
if (target) process.once('exit', () => writeFileSync(target, Object.keys(require.cache).join('\n') + '\n'));
