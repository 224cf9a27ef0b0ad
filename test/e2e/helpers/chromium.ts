import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Debian's chromium, or null when it is missing: then the test is skipped with a loud banner, so `npm test` still
 * passes on a developer machine without it. `.ci/run` installs chromium and sets E2E_REQUIRE_BROWSER=1, which turns a
 * missing browser into a failure: CI never passes by skipping unless the Debian package could not be installed.
 */
export function chromiumOrSkip(): string | null {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const why = `${CHROMIUM_PATH} not found. Install it: apt-get install -y --no-install-recommends chromium`;
  if (process.env.E2E_REQUIRE_BROWSER === '1') throw new Error(`The browser e2e test needs Debian's chromium: ${why}`);
  const line = '!'.repeat(100);
  process.stderr.write(
    `\n${line}\n!! SKIPPING THE BROWSER E2E TEST: ${why}\n!! This run proves nothing about the product in a Teams client.\n${line}\n\n`,
  );
  return null;
}
