import { writeFileSync } from 'node:fs';

/**
 * Preloaded into a bot process (`--require`): when the process exits, writes the file of every CommonJS module it
 * loaded (`require.cache`), one per line, to the file named by LOADED_MODULES_FILE.
 */
const target = process.env.LOADED_MODULES_FILE;
if (target) process.once('exit', () => writeFileSync(target, Object.keys(require.cache).join('\n') + '\n'));
