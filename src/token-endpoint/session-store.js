// @ts-check
/**
 * Where the token endpoint keeps its sessions, and the in-memory store for a single instance.
 * Several instances share a Redis store instead (redis-session-store.js): the same interface.
 */

/**
 * A signed-in user's tokens. Kept on the server only: the cookie carries nothing but the session's random id.
 * @typedef {{
 *   accessToken: string,
 *   refreshToken: string,
 *   accessExpiresAt: number,
 *   idleExpiresAt: number,
 *   expiresAt: number,
 * }} Session
 *   accessExpiresAt: when the access token expires (ms since the epoch);
 *   idleExpiresAt: when the session ends unless it is used again (sliding);
 *   expiresAt: when it ends whatever happens (absolute). A store drops the session at the earlier of the two.
 */

/**
 * @typedef {{
 *   get(id: string): Promise<Session | undefined>,
 *   set(id: string, session: Session): Promise<void>,
 *   replace(id: string, previous: Session, next: Session): Promise<boolean>,
 *   delete(id: string): Promise<void>,
 *   lock(name: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>,
 * }} SessionStore
 *   get: the session, or undefined when there is none or it has expired;
 *   set: stores it until the earlier of `idleExpiresAt` and `expiresAt`;
 *   replace: stores `next` only while the stored session is still `previous` (the same fields and values), and
 *     says whether it did: a refresh never brings back a session that was signed out meanwhile, nor overwrites a
 *     token that another instance has just rotated;
 *   delete: ends it;
 *   lock: takes the named lock for at most `ttlMs` and returns the function that releases it, or undefined when
 *     someone else holds it. Shared by every instance that shares the store (one refresh at a time per session).
 *   Every method rejects when the store cannot be reached: the endpoint then answers 503, never "signed out".
 */

/** When the store drops a session: the earlier of its idle and absolute expiry. @param {Session} session */
export const storeExpiry = (session) => Math.min(session.idleExpiresAt, session.expiresAt);

/**
 * The default store: a Map in this process. Sessions are lost on restart and not shared between instances;
 * beyond `maxEntries` the expired ones, then the least recently written, are dropped. Only sessions live here
 * (sign-ins under way are in their own sealed cookie), so nothing but signing in can fill it.
 * @param {{ now?: () => number, maxEntries?: number }} [options]
 * @returns {SessionStore & { readonly size: number }}
 */
export function createMemorySessionStore({ now = Date.now, maxEntries = 100_000 } = {}) {
  /** @type {Map<string, Session>} */
  const sessions = new Map();
  /** @type {Map<string, number>} lock name → when it lapses */
  const locks = new Map();

  /** @param {string} id */
  function read(id) {
    const session = sessions.get(id);
    if (session && storeExpiry(session) <= now()) {
      sessions.delete(id);
      return undefined;
    }
    return session;
  }

  /** @param {string} id @param {Session} session */
  function write(id, session) {
    sessions.delete(id);
    sessions.set(id, { ...session });
    if (sessions.size <= maxEntries) return;
    for (const [key, value] of sessions) if (storeExpiry(value) <= now()) sessions.delete(key);
    for (const key of sessions.keys()) {
      if (sessions.size <= maxEntries) break;
      sessions.delete(key);
    }
  }

  return {
    async get(id) {
      const session = read(id);
      return session && { ...session };
    },
    async set(id, session) {
      write(id, session);
    },
    async replace(id, previous, next) {
      const current = read(id);
      if (!current || !sameSession(current, previous)) return false;
      write(id, next);
      return true;
    },
    async delete(id) {
      sessions.delete(id);
    },
    async lock(name, ttlMs) {
      const until = locks.get(name);
      if (until !== undefined && until > now()) return undefined;
      const mine = now() + ttlMs;
      locks.set(name, mine);
      return async () => {
        if (locks.get(name) === mine) locks.delete(name);
      };
    },
    get size() {
      return sessions.size;
    },
  };
}

/** Whether two sessions hold the same tokens and times. @param {Session} a @param {Session} b */
export function sameSession(a, b) {
  return (
    a.accessToken === b.accessToken &&
    a.refreshToken === b.refreshToken &&
    a.accessExpiresAt === b.accessExpiresAt &&
    a.idleExpiresAt === b.idleExpiresAt &&
    a.expiresAt === b.expiresAt
  );
}
