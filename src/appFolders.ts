import path from 'node:path';

/**
 * The folders of files the bot reads at run time, found from the running code: one level up from this file's folder.
 * That is the repository from src/appFolders.ts (sources, tests), and the application's folder from the shipped
 * build, where this code is inside dist/index.js (/app/dist → /app/cards, /app/web in the container image).
 */
const APP_ROOT = path.resolve(__dirname, '..');

/** The Adaptive Card templates (`cards/*.json`). */
export const CARDS_DIR = path.join(APP_ROOT, 'cards');

/** The sign-in page's own stylesheet and script (`web/`). */
export const WEB_DIR = path.join(APP_ROOT, 'web');
