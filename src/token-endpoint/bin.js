#!/usr/bin/env node
// @ts-check
/**
 * `spaces-call-button-token-endpoint`: the token endpoint on its own HTTP server, configured by environment variables
 * (see config.js). It speaks plain HTTP: put it behind the site's TLS-terminating reverse proxy, on the same site as
 * the pages. With `SPACES_REDIS_URL`, its sessions are in Redis and any number of instances can serve them.
 */
import { createServer } from 'node:http';
import { ConfigError, readConfig } from './config.js';
import { createRedisSessionStore } from './redis-session-store.js';
import { createTokenEndpoint } from './token-endpoint.js';

const log = (/** @type {string} */ line) => console.log(`[spaces-token] ${line}`);

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
const endpoint = createTokenEndpoint(config, { log, ...(redis ? { sessionStore: createRedisSessionStore(redis) } : {}) });
const server = createServer((req, res) => {
  if (endpoint.handle(req, res)) return;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end('Not found.\n');
});
server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const { signIn, callback, token, signOut } = endpoint.routes;
  log(`listening on http://${config.host}:${port}: GET ${signIn}, GET ${callback}, GET ${token}, POST ${signOut}; sessions in ${redis ? 'Redis' : 'this process'}`);
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () =>
    server.close(async () => {
      await redis?.close().catch(() => {});
      process.exit(0);
    }),
  );
}

/**
 * A connected node-redis client (an optional dependency: installed only where Redis is used).
 * @param {string} url
 */
async function connectRedis(url) {
  /** @type {typeof import('redis')} */
  let redis;
  try {
    redis = await import('redis');
  } catch {
    console.error('SPACES_REDIS_URL is set, but the redis package is not installed: run npm install redis');
    process.exit(1);
  }
  // While Redis is away, fail at once (the endpoint answers 503) rather than queue; each reconnect attempt gives up
  // after 2 s, then the next one, for ever once connected; at start-up, three tries (a wrong URL is said at once).
  // Without an 'error' listener, node-redis would end the process on a lost connection.
  let connected = false;
  const client = redis.createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (/** @type {number} */ retries, /** @type {Error} */ cause) => (connected ? Math.min(2 ** retries * 50, 2000) : retries < 3 ? 500 : cause),
    },
  });
  let reported = false;
  client.on('error', (/** @type {Error} */ error) => {
    if (!reported) log(`Redis: ${error.name}; token requests answer 503 until it is back`);
    reported = true;
  });
  client.on('ready', () => (reported = false));
  try {
    await client.connect();
  } catch {
    console.error('Cannot connect to the Redis server of SPACES_REDIS_URL.');
    process.exit(1);
  }
  connected = true;
  log('Redis: connected');
  return client;
}
