// @ts-check
/**
 * The session store that several token endpoint instances share: Redis, through a node-redis client the caller
 * creates and connects (`redis` is an optional peer: this module never imports it). Same interface and
 * semantics as the in-memory store (session-store.js).
 *
 * Keys: `${prefix}session:${id}` holds the session as JSON (always the same five fields in the same order) with a
 * PX expiry at the earlier of its idle and absolute expiry; `${prefix}lock:${name}` holds a lock's random value.
 * `replace` and a lock's release are Lua scripts, so each is one atomic step on the server.
 *
 * Every command is bounded by `commandTimeoutMs`: when Redis does not answer (stopped, restarting, network gone)
 * the call rejects with a SessionStoreUnavailableError, which the endpoint turns into a 503. Its message never
 * holds a token nor the client's own error message (only that error's class name). The store never logs.
 *
 * How node-redis 6 behaves when Redis goes away, and the client a caller should create:
 * - A command already sent rejects when the connection closes (server stopped or killed); one sent to a server
 *   that stopped answering without closing the connection (frozen, network gone) waits for ever.
 * - While the client reconnects (by default for ever, backing off up to 2 s), new commands wait in its offline
 *   queue, without limit, unless `disableOfflineQueue: true`: then they reject at once (ClientOfflineError).
 * - Every lost connection and failed reconnect is emitted as an 'error' event: a client without an 'error'
 *   listener throws it and ends the process.
 * - `await client.connect()` itself waits, retrying for ever, until Redis answers; it rejects only when the
 *   reconnect strategy gives up (returns false or an Error).
 * So:
 *
 *     let connected = false;
 *     const client = createClient({
 *       url: process.env.SPACES_REDIS_URL,
 *       disableOfflineQueue: true, // while Redis is away, fail at once (503) rather than queue
 *       socket: {
 *         connectTimeout: 2000, // one connection attempt gives up after 2 s
 *         // at start, give up after a few attempts (connect() rejects); once connected, retry for ever, every 2 s at most
 *         reconnectStrategy: (retries, cause) => (connected ? Math.min(2 ** retries * 50, 2000) : retries < 3 ? 500 : cause),
 *       },
 *     });
 *     client.on('error', (error) => log(`session store: ${error.name}`)); // required, see above
 *     await client.connect();
 *     connected = true;
 *     const sessions = createRedisSessionStore(client);
 *
 * A lock's release is a command too: it rejects like the others, and the lock then lapses after its ttl.
 * The timeout here works whatever the options (a command it gives up on that was not sent yet is also
 * withdrawn from the offline queue, so it never runs later). Don't set the client's `keyPrefix`: this store
 * sends raw commands, which node-redis does not prefix; use `prefix` instead.
 */
import { randomBytes } from 'node:crypto';
import { storeExpiry } from './session-store.js';

/** @typedef {import('./session-store.js').Session} Session */
/** @typedef {import('./session-store.js').SessionStore} SessionStore */

/**
 * What the store needs of a connected node-redis client: `createClient()` of redis 6 (not a cluster client,
 * whose sendCommand takes other arguments).
 * @typedef {{ sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown> }} RedisCommandClient
 */

/** Why a session store call failed: Redis did not answer in time, or answered with an error. */
export class SessionStoreUnavailableError extends Error {
  /** @param {string} reason  never a token */
  constructor(reason) {
    super(`The session store (Redis) is unavailable: ${reason}`);
    this.name = 'SessionStoreUnavailableError';
  }
}

/**
 * Stores `next` only while the stored session still has `previous`'s fields and values and has not expired.
 * KEYS[1] the session; ARGV: previous's five fields, now, next as JSON, next's PX (0: already expired: delete).
 */
const REPLACE = `
local stored = redis.call('GET', KEYS[1])
if not stored then return 0 end
local ok, s = pcall(cjson.decode, stored)
if not ok or type(s) ~= 'table' then return 0 end
if s.accessToken ~= ARGV[1] or s.refreshToken ~= ARGV[2] or s.accessExpiresAt ~= tonumber(ARGV[3])
  or s.idleExpiresAt ~= tonumber(ARGV[4]) or s.expiresAt ~= tonumber(ARGV[5]) then return 0 end
if math.min(s.idleExpiresAt, s.expiresAt) <= tonumber(ARGV[6]) then return 0 end
if tonumber(ARGV[8]) > 0 then redis.call('SET', KEYS[1], ARGV[7], 'PX', ARGV[8]) else redis.call('DEL', KEYS[1]) end
return 1`;

/** Deletes the lock KEYS[1] only while it still holds this holder's value ARGV[1]. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** The session's JSON, its fields always in this order. @param {Session} s */
const serialize = (s) =>
  JSON.stringify({
    accessToken: s.accessToken,
    refreshToken: s.refreshToken,
    accessExpiresAt: s.accessExpiresAt,
    idleExpiresAt: s.idleExpiresAt,
    expiresAt: s.expiresAt,
  });

/** A stored value back into a session; anything else (malformed JSON, missing fields) is none. @param {unknown} reply */
function parse(reply) {
  const text = typeof reply === 'string' ? reply : reply instanceof Uint8Array ? Buffer.from(reply).toString('utf8') : null;
  if (text === null) return undefined;
  /** @type {any} */
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (
    typeof v !== 'object' || v === null ||
    typeof v.accessToken !== 'string' || typeof v.refreshToken !== 'string' ||
    typeof v.accessExpiresAt !== 'number' || typeof v.idleExpiresAt !== 'number' || typeof v.expiresAt !== 'number'
  ) {
    return undefined;
  }
  /** @type {Session} */
  const session = {
    accessToken: v.accessToken,
    refreshToken: v.refreshToken,
    accessExpiresAt: v.accessExpiresAt,
    idleExpiresAt: v.idleExpiresAt,
    expiresAt: v.expiresAt,
  };
  return session;
}

/** The class name of what the client threw, never its message (which may quote a command's arguments). @param {unknown} error */
function nameOf(error) {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  return /^\w{1,60}$/.test(name) ? name : 'Error';
}

/**
 * @param {RedisCommandClient} client  a connected node-redis client (see above for its options)
 * @param {{ prefix?: string, commandTimeoutMs?: number, now?: () => number }} [options]
 *   prefix: put before every key, to share a Redis with other data or other deployments;
 *   commandTimeoutMs: how long a call waits for Redis before it rejects;
 *   now: the clock that session expiry times are measured against.
 * @returns {SessionStore}
 */
export function createRedisSessionStore(client, { prefix = 'spaces-call-button:', commandTimeoutMs = 2000, now = Date.now } = {}) {
  if (!(commandTimeoutMs > 0 && commandTimeoutMs < 2 ** 31)) throw new RangeError('commandTimeoutMs must be a positive number of milliseconds');
  const sessionKey = (/** @type {string} */ id) => `${prefix}session:${id}`;
  const lockKey = (/** @type {string} */ name) => `${prefix}lock:${name}`;

  /**
   * Sends one command; rejects with SessionStoreUnavailableError when the client fails or nothing answers in time.
   * @param {string[]} args
   * @returns {Promise<unknown>}
   */
  function command(args) {
    const abort = new AbortController();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    /** @type {Promise<never>} */
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new SessionStoreUnavailableError(`no answer within ${commandTimeoutMs} ms`));
      }, commandTimeoutMs);
    });
    const answer = Promise.resolve()
      .then(() => client.sendCommand(args, { abortSignal: abort.signal }))
      .catch((error) => {
        throw new SessionStoreUnavailableError(nameOf(error));
      });
    return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
  }

  /** Milliseconds the session has left in the store, 0 when none. @param {Session} session */
  const ttlOf = (session) => {
    const ms = Math.ceil(storeExpiry(session) - now());
    if (Number.isNaN(ms) || ms === Infinity) throw new RangeError('a session’s expiry times must be finite numbers');
    return Math.max(ms, 0);
  };

  return {
    async get(id) {
      const session = parse(await command(['GET', sessionKey(id)]));
      return session && storeExpiry(session) > now() ? session : undefined;
    },
    async set(id, session) {
      const ttl = ttlOf(session);
      await command(ttl > 0 ? ['SET', sessionKey(id), serialize(session), 'PX', String(ttl)] : ['DEL', sessionKey(id)]);
    },
    async replace(id, previous, next) {
      const ttl = ttlOf(next);
      const fields = [previous.accessToken, previous.refreshToken, previous.accessExpiresAt, previous.idleExpiresAt, previous.expiresAt];
      const args = [...fields.map(String), String(now()), serialize(next), String(ttl)];
      return Number(await command(['EVAL', REPLACE, '1', sessionKey(id), ...args])) === 1;
    },
    async delete(id) {
      await command(['DEL', sessionKey(id)]);
    },
    async lock(name, ttlMs) {
      if (!(ttlMs > 0 && Number.isFinite(ttlMs))) throw new RangeError('ttlMs must be a positive number of milliseconds');
      const key = lockKey(name);
      const mine = randomBytes(18).toString('base64url');
      const taken = await command(['SET', key, mine, 'NX', 'PX', String(Math.ceil(ttlMs))]);
      if (taken === null || taken === undefined) return undefined;
      return async () => {
        await command(['EVAL', RELEASE, '1', key, mine]);
      };
    },
  };
}
