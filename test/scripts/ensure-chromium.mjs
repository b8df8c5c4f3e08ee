// @ts-check
/**
 * The first step of `npm test`: makes sure a Chromium is there to run the tests in.
 * Uses the one test/support/chromium.mjs finds ($CHROME_PATH, the system's, Playwright's); otherwise installs
 * Debian's `chromium` with apt-get (as root, or through passwordless sudo), else Playwright's own build.
 * Says in one line what it is doing; when nothing works, says exactly what to run. `npm start` never needs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { HOW_TO_GET_CHROMIUM, findChromium } from '../support/chromium.mjs';

/** @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env] */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? result.error ?? ''}`);
  return result.status === 0;
}

/** apt-get as root, or through `sudo -n` (never a password prompt in a test run). */
function aptGetPrefix() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  return run('sudo', ['-n', 'true']) ? ['sudo', '-n'] : null;
}

function installWithAptGet(/** @type {string[]} */ prefix) {
  console.log('No Chromium or Chrome found: installing Debian’s chromium with apt-get (about 30 s)…');
  const [command, ...rest] = [...prefix, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run(command, [...rest, 'update', '-qq'], env) && run(command, [...rest, 'install', '-y', '-qq', 'chromium'], env);
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
