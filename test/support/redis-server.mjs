// @ts-check
/**
 * A throwaway redis-server for the Redis session store's tests: its own loopback port, its own temporary folder,
 * nothing saved to disk, and never left running (stopped by the tests, and killed if the test process exits).
 * Finds the executable at $REDIS_SERVER_PATH, then Debian's /usr/bin/redis-server, then on PATH;
 * `npm test` first runs test/scripts/ensure-redis.mjs, which installs Debian's when none is found.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** What to run when no redis-server can be found or installed. */
export const HOW_TO_GET_REDIS =
  'Install one (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y redis-server`; macOS: `brew install redis`), ' +
  'or set REDIS_SERVER_PATH to a redis-server executable.';

/** @param {string} path */
const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The redis-server to run, or `null` when there is none.
 * @returns {string | null}
 */
export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`REDIS_SERVER_PATH is set to ${fromEnv}, which does not exist.`);
  }
  if (isExecutable('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, 'redis-server')).find(isExecutable) ?? null;
}

/** @returns {string} */
export function redisServerPath() {
  const found = findRedisServer();
  if (found) return found;
  throw new Error(`No redis-server found. ${HOW_TO_GET_REDIS}`);
}

/** How long a server may take to accept connections, and to exit once told to. */
const START_LIMIT_MS = 10_000;
const STOP_LIMIT_MS = 5_000;

/** The servers still running, killed if this process exits before their tests stop them. */
const running = new Set(/** @type {import('node:child_process').ChildProcess[]} */ ([]));
let exitHooked = false;
function killAllOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  // A signal ends the process without 'exit': kill the servers, then let the signal do what it would have done.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      for (const child of running) child.kill('SIGKILL');
      process.kill(process.pid, signal);
    });
  }
}

/** A loopback port nobody is listening on right now. @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Whether a Redis on the port answers PING. @param {number} port @returns {Promise<boolean>} */
function pings(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * Starts a redis-server on a free loopback port (or on `port`, to bring one back where a client expects it)
 * and waits until it answers.
 * `stop()` shuts it down (SIGTERM, then SIGKILL if it lingers); `kill()` kills it at once, as a crash would look
 * to a client. Both wait for the process to exit, remove its folder, and may be called more than once.
 * `pause()` freezes it (SIGSTOP) until `stop()` or `kill()`: connections stay open and nothing answers, as when
 * the network is gone.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void>, kill(): Promise<void>, pause(): void }>}
 */
export async function startRedisServer({ port: wanted } = {}) {
  const executable = redisServerPath();
  killAllOnExit();
  /** @type {Error | undefined} */
  let lastError;
  // Another process can take the free port before redis-server binds it: then try another one.
  for (let attempt = 0; attempt < (wanted ? 1 : 3); attempt++) {
    const port = wanted ?? (await freePort());
    const dir = mkdtempSync(join(tmpdir(), 'spaces-redis-'));
    const child = spawn(
      executable,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes',
        '--dir', dir, '--daemonize', 'no', '--logfile', ''],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    let output = '';
    /** @type {Error | undefined} */
    let spawnError;
    const keep = (/** @type {Buffer} */ chunk) => void (output = (output + chunk.toString('utf8')).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    /** @type {Promise<void>} */
    const exited = new Promise((resolve) => {
      child.once('exit', () => {
        running.delete(child);
        resolve();
      });
      child.once('error', (error) => {
        spawnError = error;
        running.delete(child);
        resolve();
      });
    });
    let gone = false;
    void exited.then(() => (gone = true));

    /** @param {NodeJS.Signals} signal */
    const end = async (signal) => {
      if (!gone) {
        child.kill(signal);
        child.kill('SIGCONT');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };

    const deadline = Date.now() + START_LIMIT_MS;
    let up = false;
    while (!gone && Date.now() < deadline && !(up = await pings(port))) await new Promise((r) => setTimeout(r, 50));
    if (up && !gone) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => end('SIGTERM'),
        kill: () => end('SIGKILL'),
        pause: () => void (gone || child.kill('SIGSTOP')),
      };
    }
    await end('SIGKILL');
    lastError = spawnError ?? new Error(`redis-server did not start on port ${port}${output ? `:\n${output.trim()}` : ''}`);
    if (spawnError) break;
  }
  throw lastError;
}
