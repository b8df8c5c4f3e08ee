// @ts-check
/**
 * `npm run start:redis`: the demo as `npm start` serves it, except that `/spaces/*` is served by two instances of the
 * packaged token endpoint (the `spaces-call-button-token-endpoint` bin) sharing one local Redis, each request to the
 * next instance in turn. Sign in and call at http://localhost:5173: whichever instance answers, the session is the
 * same. Ctrl-C stops the demo, both instances and Redis.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from './mock-accounts.js';
import { startRedisServer } from '../test/support/redis-server.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DEMO = 'http://localhost:5173';
/** The mock accounts as the instances reach them (the dev server listens on 127.0.0.1). */
const ACCOUNTS = 'http://127.0.0.1:5173';
const INSTANCE_PORTS = [5181, 5182];

const redis = await startRedisServer();
console.log(`[start:redis] Redis on ${redis.url}`);

const instances = INSTANCE_PORTS.map((port) => {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../src/token-endpoint/bin.js', import.meta.url))], {
    env: {
      ...process.env,
      SPACES_CLIENT_ID: MOCK_CLIENT_ID,
      SPACES_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      SPACES_REDIRECT_URI: `${DEMO}/spaces/callback`,
      SPACES_ACCOUNTS_URL: ACCOUNTS,
      SPACES_REVOCATION_URL: `${ACCOUNTS}/oauth2/revoke`,
      SPACES_REDIS_URL: redis.url,
      PORT: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => code && console.error(`[start:redis] the instance on port ${port} exited with ${code}`));
  return child;
});

process.env.SPACES_TOKEN_ENDPOINTS = INSTANCE_PORTS.map((port) => `http://127.0.0.1:${port}`).join(',');
const server = await createServer({ root: repo, configFile: `${repo}vite.config.ts`, server: { host: '127.0.0.1', port: 5173, strictPort: true } });
await server.listen();
console.log(`[start:redis] the demo: ${DEMO} (token endpoint: ${process.env.SPACES_TOKEN_ENDPOINTS}, in turn)`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    for (const child of instances) child.kill('SIGTERM');
    await server.close();
    await redis.stop();
    process.exit(0);
  });
}
