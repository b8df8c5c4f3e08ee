// @ts-check
/**
 * Finds a Chromium for the tests, the demo screenshots and the benchmark:
 * $CHROME_PATH, then Debian's and Google's usual paths, then Playwright's own download.
 * `npm test` first runs test/scripts/ensure-chromium.mjs, which installs one when none is found.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** What to run when no browser can be found or installed. */
export const HOW_TO_GET_CHROMIUM =
  'Install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere `npx playwright install chromium`), ' +
  'or set CHROME_PATH to a Chrome or Chromium executable.';

/**
 * The browser to launch, or `null` when there is none.
 * @returns {string | null}
 */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const playwrights = chromium.executablePath();
  return playwrights && existsSync(playwrights) ? playwrights : null;
}

/** @returns {string} */
export function chromiumPath() {
  const found = findChromium();
  if (found) return found;
  throw new Error(`No Chromium found. ${HOW_TO_GET_CHROMIUM}`);
}

/** Launch arguments that work as root, in containers and without network access. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
