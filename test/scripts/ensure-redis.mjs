// @ts-check
/**
 * Makes sure a redis-server is there for the Redis session store's tests, which start their own on a free port.
 * Uses the one test/support/redis-server.mjs finds ($REDIS_SERVER_PATH, Debian's, on PATH); otherwise installs
 * Debian's `redis-server` with apt-get (as root, or through passwordless sudo), and stops the server that the
 * package starts on install where it can (systemd, or init.d without a policy-rc.d that forbids it): this never
 * leaves one running. Says in one line what it is doing; when nothing works, says exactly what to run.
 */
import { spawnSync } from 'node:child_process';
import { aptGetInstall, aptGetPrefix } from '../support/apt-get.mjs';
import { HOW_TO_GET_REDIS, findRedisServer } from '../support/redis-server.mjs';

/** The ids of the redis-server processes running now. */
function redisPids() {
  const result = spawnSync('pgrep', ['-x', 'redis-server'], { encoding: 'utf8' });
  return new Set((result.stdout ?? '').split(/\s+/).filter(Boolean).map(Number));
}

/** @param {number} ms */
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Stops the redis-servers that were not running before the install: through the service, else by their pid.
 * @param {string[]} prefix @param {Set<number>} before
 */
function stopStartedServers(prefix, before) {
  const started = () => [...redisPids()].filter((pid) => !before.has(pid));
  if (started().length === 0) return;
  const [command, ...rest] = [...prefix, 'service'];
  spawnSync(command, [...rest, 'redis-server', 'stop'], { stdio: 'ignore' });
  for (const signal of ['TERM', 'KILL']) {
    const left = started();
    if (left.length === 0) break;
    const [kill, ...args] = [...prefix, 'kill'];
    spawnSync(kill, [...args, `-${signal}`, ...left.map(String)], { stdio: 'ignore' });
    for (let waited = 0; waited < 5000 && started().length > 0; waited += 100) sleep(100);
  }
  const left = started();
  if (left.length > 0) {
    throw new Error(`Installing redis-server started it (pid ${left.join(', ')}) and it could not be stopped: run \`sudo service redis-server stop\`.`);
  }
  console.log('Stopped the redis-server that the install started (the tests start their own).');
}

function installWithAptGet(/** @type {string[]} */ prefix) {
  console.log('No redis-server found: installing Debian’s redis-server with apt-get (about 15 s)…');
  const before = redisPids();
  try {
    return aptGetInstall(prefix, 'redis-server');
  } finally {
    stopStartedServers(prefix, before);
  }
}

try {
  if (!findRedisServer()) {
    const prefix = aptGetPrefix();
    if (prefix) installWithAptGet(prefix);
    if (!findRedisServer()) throw new Error(`No redis-server could be installed. ${HOW_TO_GET_REDIS}`);
  }
} catch (error) {
  console.error(`npm test needs a redis-server. ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
