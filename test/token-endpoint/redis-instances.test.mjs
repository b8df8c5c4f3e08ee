// @ts-check
/**
 * Two token endpoint instances over one real Redis (a redis-server started for this file, stopped after it): one
 * refresh for a burst of requests spread across both just as the access token expires, a sign-in through one that
 * the other serves, and Redis going away mid-request answered 503, never "signed out".
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from '../../demo/mock-accounts.js';
import { createRedisSessionStore } from '../../src/token-endpoint/redis-session-store.js';
import { createTokenEndpoint } from '../../src/token-endpoint/token-endpoint.js';
import { startRedisServer } from '../support/redis-server.mjs';
import { fakeClock, holdFirstRefreshAnswer, startServer } from './support.mjs';

/** @type {Awaited<ReturnType<typeof startRedisServer>>} */
let redis;
/** @type {{ destroy(): void }[]} */
const clients = [];
before(async () => {
  redis = await startRedisServer();
});
after(async () => {
  await Promise.all(clients.map((client) => client.destroy()));
  await redis.stop();
});

/** A connected client as the bin makes one. */
async function connectedClient(url = redis.url) {
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: 100 } });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

/**
 * The first instance on the test server (with the mock accounts), the second on a server of its own: same
 * configuration, each its own Redis client, one Redis.
 * @param {{ fetch?: typeof globalThis.fetch, url?: string, prefix?: string }} [options]
 */
async function twoInstances({ fetch, url, prefix = `test-${Math.random().toString(36).slice(2)}:` } = {}) {
  const clock = fakeClock();
  const store = async () => createRedisSessionStore(await connectedClient(url), { now: clock.now, prefix, commandTimeoutMs: 1000 });
  const first = await startServer({ accounts: { accessTokenLifetimeS: 3599 }, sessionStore: await store(), clock, ...(fetch ? { fetch } : {}) });
  const second = createTokenEndpoint(
    { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, redirectUri: `${first.base}/spaces/callback`, accountsUrl: first.base },
    { now: clock.now, sessionStore: await store(), fetch: first.spyFetch },
  );
  const server = createServer((req, res) => void (second.handle(req, res) || res.writeHead(404).end()));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const secondBase = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    clock,
    first,
    secondBase,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await first.close();
    },
  };
}

describe('two instances over one Redis', () => {
  it('50 concurrent token requests across both as the token expires: one refresh, every answer 200 with the new token, the session survives', async () => {
    const { clock, first, secondBase, close } = await twoInstances();
    try {
      const browser = first.browser();
      await browser.signIn();
      const old = (await browser.token()).json().access_token;
      clock.advance(3599 - 30);
      const from = first.grants.length;
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => browser.token(i % 2 ? `${secondBase}/spaces/token` : '/spaces/token')));
      assert.deepEqual(first.grants.slice(from).map((form) => form.get('grant_type')), ['refresh_token'], 'exactly one refresh reached the accounts');
      assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
      const tokens = new Set(answers.map((answer) => answer.json().access_token));
      assert.equal(tokens.size, 1, 'every answer has the same token');
      assert.notEqual([...tokens][0], old, 'the new one');
      for (const base of [first.base, secondBase]) assert.equal((await browser.token(`${base}/spaces/token`)).status, 200, `the session survives (${base})`);
    } finally {
      await close();
    }
  });

  it('a sign-in through one instance is served by the other, and a sign-out through the other ends it for both', async () => {
    const { first, secondBase, close } = await twoInstances();
    try {
      const browser = first.browser();
      await browser.signIn();
      assert.equal((await browser.token(`${secondBase}/spaces/token`)).status, 200);
      assert.equal((await browser.request(`${secondBase}/spaces/sign-out`, { method: 'POST' })).status, 204);
      assert.equal((await browser.token()).status, 401);
    } finally {
      await close();
    }
  });
});

describe('when Redis goes away', () => {
  it('mid-request (killed while a refresh is at the accounts): 503 temporarily_unavailable, the cookie kept', async () => {
    const own = await startRedisServer();
    const hold = holdFirstRefreshAnswer();
    const { clock, first, close } = await twoInstances({ fetch: hold.fetch, url: own.url });
    try {
      const browser = first.browser();
      await browser.signIn();
      clock.advance(3599 - 30);
      const pending = browser.token();
      await hold.reached;
      await own.kill();
      hold.release();
      const answer = await pending;
      assert.equal(answer.status, 503);
      assert.deepEqual(answer.json(), { error: 'temporarily_unavailable' });
      assert.equal(answer.headers.get('retry-after'), '5');
      assert.deepEqual(answer.setCookies, [], 'the session cookie is not cleared');
      const later = await browser.token();
      assert.equal(later.status, 503, 'still unavailable, still not signed out');
      assert.ok(first.logLines.includes('/spaces/token: the session store is unavailable'));
    } finally {
      await close();
      await own.stop();
    }
  });

  it('frozen (no answer at all): 503 within the store’s command timeout, not a hung request', async () => {
    const own = await startRedisServer();
    const { first, close } = await twoInstances({ url: own.url });
    try {
      const browser = first.browser();
      await browser.signIn();
      own.pause();
      const answer = await browser.token();
      assert.equal(answer.status, 503);
      assert.deepEqual(answer.json(), { error: 'temporarily_unavailable' });
    } finally {
      await own.kill();
      await close();
    }
  });
});
