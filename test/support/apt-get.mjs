// @ts-check
/** Installing a Debian package for `npm test` (Chromium, redis-server): as root, or through passwordless sudo. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Runs a command, its output shown only when it fails.
 * @param {string} command @param {string[]} args @param {NodeJS.ProcessEnv} [env]
 */
export function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? result.error ?? ''}`);
  return result.status === 0;
}

/** apt-get as root (`[]`), or through `sudo -n` (never a password prompt in a test run); null where neither works. */
export function aptGetPrefix() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

/**
 * `apt-get update` then `apt-get install -y <name>`; whether both worked.
 * @param {string[]} prefix  from aptGetPrefix()
 * @param {string} name
 */
export function aptGetInstall(prefix, name) {
  const [command, ...rest] = [...prefix, 'apt-get'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return run(command, [...rest, 'update', '-qq'], env) && run(command, [...rest, 'install', '-y', '-qq', name], env);
}
