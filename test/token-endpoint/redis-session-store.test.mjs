// @ts-check
/**
 * The Redis session store against a real redis-server (test/support/redis-server.mjs), and the same contract run
 * against the in-memory store, so both behave alike: sessions, expiry, compare-and-set `replace`, and locks shared
 * by every instance (here: two stores on two separate clients). Then what only Redis has: the PX expiry, the keys
 * and their prefix, malformed values, and what every call does when Redis stops answering.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'redis';
import { createMemorySessionStore } from '../../src/token-endpoint/session-store.js';
import { SessionStoreUnavailableError, createRedisSessionStore } from '../../src/token-endpoint/redis-session-store.js';
import { startRedisServer } from '../support/redis-server.mjs';

/** @typedef {import('../../src/token-endpoint/session-store.js').Session} Session */
/** @typedef {import('../../src/token-endpoint/session-store.js').SessionStore} SessionStore */
/** @typedef {ReturnType<typeof createClient>} Client */

const random = () => randomBytes(9).toString('base64url');

/** A clock that runs with the real one (Redis expires keys in real time) and that tests can move forward. */
function movableClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    /** @param {number} ms */
    advance: (ms) => void (offset += ms),
  };
}

/**
 * A session with fresh tokens, its idle and absolute expiry that many seconds after `now`.
 * @param {number} now @param {{ idleS?: number, absoluteS?: number }} [times]
 * @returns {Session}
 */
function newSession(now, { idleS = 600, absoluteS = 3600 } = {}) {
  return {
    accessToken: `access-${random()}`,
    refreshToken: `refresh-${random()}`,
    accessExpiresAt: now + 300_000,
    idleExpiresAt: now + idleS * 1000,
    expiresAt: now + absoluteS * 1000,
  };
}

/** Tries to take the lock until it is free: the test's own timeout bounds the wait. @param {SessionStore} store @param {string} name */
async function lockWhenFree(store, name, ttlMs = 60_000) {
  for (;;) {
    const release = await store.lock(name, ttlMs);
    if (release) return release;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * What every session store does, whichever it is. `open` gives two stores on the same data (for Redis, two
 * separate clients, as two endpoint instances have), both on `clock.now`.
 * @param {string} name
 * @param {(now: () => number) => Promise<{ store: SessionStore, peer: SessionStore }>} open
 */
function sessionStoreContract(name, open) {
  describe(`${name}: the session store contract`, () => {
    const clock = movableClock();
    /** @type {SessionStore} */
    let store;
    /** @type {SessionStore} */
    let peer;
    before(async () => ({ store, peer } = await open(clock.now)));

    it('gives back what was set, as a copy, and nothing for an unknown id', async () => {
      const id = random();
      const session = newSession(clock.now());
      await store.set(id, session);
      const got = await peer.get(id);
      assert.deepEqual(got, session);
      assert.notEqual(got, session);
      /** @type {Session} */ (got).accessToken = 'changed';
      assert.deepEqual(await store.get(id), session);
      assert.equal(await store.get(random()), undefined);
    });

    it('set overwrites; delete ends the session, for every instance', async () => {
      const id = random();
      await store.set(id, newSession(clock.now()));
      const second = newSession(clock.now());
      await peer.set(id, second);
      assert.deepEqual(await store.get(id), second);
      await peer.delete(id);
      assert.equal(await store.get(id), undefined);
      await store.delete(id); // deleting nothing is fine
    });

    it('a session that has already expired is not stored, and setting one drops the previous one', async () => {
      const id = random();
      await store.set(id, newSession(clock.now()));
      await store.set(id, { ...newSession(clock.now()), expiresAt: clock.now() - 1 });
      assert.equal(await store.get(id), undefined);
      await store.set(id, { ...newSession(clock.now()), idleExpiresAt: clock.now() - 1 });
      assert.equal(await peer.get(id), undefined);
    });

    it('a session is gone at the earlier of its idle and absolute expiry', async () => {
      const idleFirst = random();
      const absoluteFirst = random();
      await store.set(idleFirst, newSession(clock.now(), { idleS: 60, absoluteS: 3600 }));
      await store.set(absoluteFirst, newSession(clock.now(), { idleS: 3600, absoluteS: 120 }));
      clock.advance(59_000);
      assert.ok(await store.get(idleFirst));
      clock.advance(2_000);
      assert.equal(await store.get(idleFirst), undefined);
      assert.ok(await store.get(absoluteFirst));
      clock.advance(60_000);
      assert.equal(await peer.get(absoluteFirst), undefined);
    });

    it('replace stores the next session only while the stored one is still the previous one', async () => {
      const id = random();
      const first = newSession(clock.now());
      await store.set(id, first);
      const second = newSession(clock.now());
      assert.equal(await store.replace(id, { ...first }, second), true);
      assert.deepEqual(await peer.get(id), second);
      // `first` is no longer there: replacing it again must not undo the rotation.
      assert.equal(await peer.replace(id, first, newSession(clock.now())), false);
      assert.deepEqual(await store.get(id), second);
    });

    it('replace compares every field', async () => {
      const id = random();
      const stored = newSession(clock.now());
      await store.set(id, stored);
      for (const field of /** @type {(keyof Session)[]} */ (Object.keys(stored))) {
        const previous = { ...stored, [field]: typeof stored[field] === 'string' ? `${stored[field]}x` : stored[field] + 1 };
        assert.equal(await store.replace(id, previous, newSession(clock.now())), false, field);
      }
      assert.deepEqual(await store.get(id), stored);
    });

    it('replace loses to another instance that replaced the session in between: its value stays', async () => {
      const id = random();
      const first = newSession(clock.now());
      await store.set(id, first);
      const theirs = newSession(clock.now());
      assert.equal(await peer.replace(id, first, theirs), true);
      assert.equal(await store.replace(id, first, newSession(clock.now())), false);
      assert.deepEqual(await store.get(id), theirs);
    });

    it('replace never brings back a session that was signed out or has expired', async () => {
      const id = random();
      const first = newSession(clock.now());
      await store.set(id, first);
      await peer.delete(id);
      assert.equal(await store.replace(id, first, newSession(clock.now())), false);
      assert.equal(await peer.get(id), undefined);

      const ageing = random();
      const old = newSession(clock.now(), { idleS: 60 });
      await store.set(ageing, old);
      clock.advance(61_000);
      assert.equal(await store.replace(ageing, old, newSession(clock.now())), false);
      assert.equal(await store.get(ageing), undefined);
    });

    it('a lock is held by one instance at a time, until released', async () => {
      const name = random();
      const release = await store.lock(name, 60_000);
      assert.ok(release);
      assert.equal(await peer.lock(name, 60_000), undefined);
      assert.equal(await store.lock(name, 60_000), undefined);
      const other = await peer.lock(random(), 60_000);
      assert.ok(other, 'another name is another lock');
      await release();
      const theirs = await peer.lock(name, 60_000);
      assert.ok(theirs);
      assert.equal(await store.lock(name, 60_000), undefined);
      await theirs();
      await theirs(); // releasing twice is harmless
      await other();
    });

    it('a lock lapses after its ttl', async () => {
      const name = random();
      assert.ok(await store.lock(name, 60_000));
      assert.equal(await peer.lock(name, 60_000), undefined);
      const short = random();
      assert.ok(await store.lock(short, 100));
      clock.advance(101);
      const theirs = await lockWhenFree(peer, short); // Redis lets it lapse in real time, ~100 ms
      await theirs();
    });

    it('releasing a lock that lapsed does not release the one someone else took since', async () => {
      const name = random();
      const mine = await store.lock(name, 100);
      assert.ok(mine);
      clock.advance(101);
      const theirs = await lockWhenFree(peer, name);
      await mine();
      assert.equal(await store.lock(name, 60_000), undefined, 'their lock is still held');
      await theirs();
      assert.ok(await store.lock(name, 60_000));
    });
  });
}

sessionStoreContract('memory', async (now) => {
  const store = createMemorySessionStore({ now });
  return { store, peer: store };
});

/** @type {Awaited<ReturnType<typeof startRedisServer>>} */
let server;
/** @type {Client[]} */
const clients = [];
/** A connected client on `url` (destroyed after the tests). @param {string} url @param {Parameters<typeof createClient>[0]} [options] */
async function connect(url, options = {}) {
  const client = createClient({ url, ...options });
  client.on('error', () => {}); // lost connections, when the tests stop Redis
  clients.push(client);
  await client.connect();
  return client;
}
before(async () => {
  server = await startRedisServer();
});
after(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

sessionStoreContract('Redis', async (now) => {
  const prefix = `contract-${random()}:`;
  return {
    store: createRedisSessionStore(await connect(server.url), { prefix, now }),
    peer: createRedisSessionStore(await connect(server.url), { prefix, now }),
  };
});

describe('Redis: keys, expiry and values', () => {
  /** @type {Client} */
  let raw;
  before(async () => {
    raw = await connect(server.url);
  });

  it('keeps a session as JSON under `${prefix}session:${id}`, by default prefix spaces-call-button:', async () => {
    const store = createRedisSessionStore(await connect(server.url));
    const id = random();
    const session = newSession(Date.now());
    await store.set(id, session);
    assert.deepEqual(JSON.parse(String(await raw.get(`spaces-call-button:session:${id}`))), session);
    await store.delete(id);
    assert.equal(await raw.exists(`spaces-call-button:session:${id}`), 0);
  });

  it('expires the key (PX) at the earlier of the idle and the absolute expiry, also after replace', async () => {
    const store = createRedisSessionStore(await connect(server.url), { prefix: 'ttl:' });
    const idleFirst = random();
    await store.set(idleFirst, newSession(Date.now(), { idleS: 60, absoluteS: 3600 }));
    const idleTtl = await raw.pTTL(`ttl:session:${idleFirst}`);
    assert.ok(idleTtl > 30_000 && idleTtl <= 60_000, `PTTL ${idleTtl}`);

    const absoluteFirst = random();
    const session = newSession(Date.now(), { idleS: 3600, absoluteS: 120 });
    await store.set(absoluteFirst, session);
    const absoluteTtl = await raw.pTTL(`ttl:session:${absoluteFirst}`);
    assert.ok(absoluteTtl > 90_000 && absoluteTtl <= 120_000, `PTTL ${absoluteTtl}`);

    assert.equal(await store.replace(absoluteFirst, session, newSession(Date.now(), { idleS: 60, absoluteS: 3600 })), true);
    const replacedTtl = await raw.pTTL(`ttl:session:${absoluteFirst}`);
    assert.ok(replacedTtl > 30_000 && replacedTtl <= 60_000, `PTTL ${replacedTtl}`);

    const expired = random();
    await store.set(expired, { ...newSession(Date.now()), expiresAt: Date.now() - 1 });
    assert.equal(await raw.exists(`ttl:session:${expired}`), 0);
  });

  it('a lock is a key with the lock’s ttl, under `${prefix}lock:${name}`', async () => {
    const store = createRedisSessionStore(await connect(server.url), { prefix: 'locks:' });
    const name = random();
    const release = await store.lock(name, 30_000);
    assert.ok(release);
    const ttl = await raw.pTTL(`locks:lock:${name}`);
    assert.ok(ttl > 0 && ttl <= 30_000, `PTTL ${ttl}`);
    await release();
    assert.equal(await raw.exists(`locks:lock:${name}`), 0);
  });

  it('a malformed stored value is no session, and cannot be replaced', async () => {
    const store = createRedisSessionStore(await connect(server.url), { prefix: 'bad:' });
    const session = newSession(Date.now());
    const values = ['not json {', '42', 'null', '"text"', JSON.stringify({ ...session, expiresAt: String(session.expiresAt) })];
    for (const value of values) {
      const id = random();
      await raw.set(`bad:session:${id}`, value);
      assert.equal(await store.get(id), undefined, value);
      assert.equal(await store.replace(id, session, newSession(Date.now())), false, value);
      assert.equal(await raw.get(`bad:session:${id}`), value);
    }
  });

  it('stores with different prefixes share nothing', async () => {
    const a = createRedisSessionStore(await connect(server.url), { prefix: `a-${random()}:` });
    const b = createRedisSessionStore(await connect(server.url), { prefix: `b-${random()}:` });
    const id = random();
    const session = newSession(Date.now());
    await a.set(id, session);
    assert.equal(await b.get(id), undefined);
    assert.equal(await b.replace(id, session, newSession(Date.now())), false);
    await b.delete(id);
    assert.deepEqual(await a.get(id), session);
    const release = await a.lock('refresh', 60_000);
    assert.ok(release);
    const theirs = await b.lock('refresh', 60_000);
    assert.ok(theirs, 'the same lock name under another prefix');
    await theirs();
    assert.equal(await a.lock('refresh', 60_000), undefined);
    await release();
  });
});

describe('Redis: when it stops answering, every call rejects with "session store unavailable"', { timeout: 30_000 }, () => {
  const TOKEN = `access-${random()}`;
  const session = { ...newSession(Date.now()), accessToken: TOKEN, refreshToken: `refresh-${TOKEN}` };
  /** @param {unknown} error */
  const unavailable = (error) => {
    assert.ok(error instanceof SessionStoreUnavailableError, String(error));
    assert.equal(error.name, 'SessionStoreUnavailableError');
    assert.match(error.message, /session store .*unavailable/i);
    assert.ok(!error.message.includes(TOKEN) && !String(error.stack).includes(TOKEN), 'no token in the error');
    return true;
  };
  /** Every call of the store, each expected to reject. @param {SessionStore} store */
  const everyCall = (store) => [
    store.get('id'),
    store.set('id', session),
    store.replace('id', session, { ...session, accessToken: `${TOKEN}-next` }),
    store.delete('id'),
    store.lock('id', 60_000),
  ];

  /**
   * A store on a server of its own, holding a session and a lock; then `outage` happens to the server, and every
   * call, the lock's release too, must reject with the store-unavailable error.
   * @param {(server: Awaited<ReturnType<typeof startRedisServer>>) => Promise<void> | void} outage
   * @param {Parameters<typeof createClient>[0]} [clientOptions]
   */
  async function everyCallRejectsAfter(outage, clientOptions) {
    const lonely = await startRedisServer();
    try {
      const store = createRedisSessionStore(await connect(lonely.url, clientOptions), { commandTimeoutMs: 300 });
      await store.set('id', session);
      const release = await store.lock('held', 60_000);
      assert.ok(release);
      await outage(lonely);
      for (const call of [...everyCall(store), release()]) await assert.rejects(call, unavailable);
    } finally {
      await lonely.kill();
    }
  }

  it('Redis killed, the client queues commands while it reconnects (node-redis defaults): the timeout ends them', () =>
    everyCallRejectsAfter((lonely) => lonely.kill()));

  it('Redis stopped, with disableOfflineQueue: the client’s own error becomes the same error', () =>
    everyCallRejectsAfter((lonely) => lonely.stop(), { disableOfflineQueue: true }));

  it('Redis frozen, the connection open and nothing answering (as when the network is gone): the timeout ends them', () =>
    everyCallRejectsAfter((lonely) => lonely.pause(), { disableOfflineQueue: true }));

  it('a call that gave up while the client was reconnecting never runs once Redis is back', async () => {
    const first = await startRedisServer();
    const client = await connect(first.url); // node-redis defaults: commands wait in the offline queue
    const store = createRedisSessionStore(client, { commandTimeoutMs: 300 });
    await first.kill();
    await assert.rejects(store.set('late', session), unavailable);
    const again = await startRedisServer({ port: first.port }); // empty: it saves nothing
    try {
      while (!client.isReady) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await client.exists('spaces-call-button:session:late'), 0, 'the SET was withdrawn from the queue');
    } finally {
      await again.kill();
    }
  });

  it('a client that was closed: the same error', async () => {
    const client = await connect(server.url);
    const store = createRedisSessionStore(client);
    client.destroy();
    for (const call of everyCall(store)) await assert.rejects(call, unavailable);
  });
});
