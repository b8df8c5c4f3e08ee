// @ts-check
/**
 * The first step of `npm test`: makes sure a Chromium is there to run the tests in.
 * Uses the one test/support/chromium.mjs finds ($CHROME_PATH, the system's, Playwright's); otherwise installs
 * Debian's `chromium` with apt-get (as root, or through passwordless sudo), else Playwright's own build.
 * Says in one line what it is doing; when nothing works, says exactly what to run. `npm start` never needs it.
 */
import { HOW_TO_GET_CHROMIUM, findChromium } from '../support/chromium.mjs';
import { aptGetInstall, aptGetPrefix, run } from '../support/apt-get.mjs';

function installWithAptGet(/** @type {string[]} */ prefix) {
  console.log('No Chromium or Chrome found: installing Debian’s chromium with apt-get (about 30 s)…');
  return aptGetInstall(prefix, 'chromium');
}

function installWithPlaywright() {
  console.log('No Chromium or Chrome found: downloading Playwright’s Chromium (npx playwright install chromium)…');
  return run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
}

try {
  if (!findChromium()) {
    const prefix = aptGetPrefix();
    if (!(prefix && installWithAptGet(prefix)) && !findChromium()) installWithPlaywright();
    if (!findChromium()) throw new Error(`No Chromium could be installed. ${HOW_TO_GET_CHROMIUM}`);
  }
} catch (error) {
  console.error(`npm test needs a Chromium. ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
