// @ts-check
/**
 * The token endpoint for `<spaces-call-button token-url="/spaces/token">`: signs the user in with Avaya Cloud
 * Identity (OAuth 2.0 authorization code with PKCE), keeps the tokens on the server, and hands the page a
 * short-lived access token. One handler for `node:http`, Express and Connect (`handle(req, res)`), and one for
 * servers that speak the Fetch API (`fetch(request)`).
 *
 * Routes (under `basePath`, `/spaces` by default):
 * - `GET  /spaces/sign-in[?return_to=/same-origin/path]`  302 to Avaya Cloud Identity's authorize page; the attempt
 *   (state, PKCE verifier, return_to) is sealed into a cookie of its own, so sign-ins in several tabs all work.
 * - `GET  {redirect URI's path}` (`/spaces/callback`)  checks the state against this browser's attempt, exchanges
 *   the code, starts the session (a random id in a `__Host-` cookie), then 302 to `return_to` or `/spaces/signed-in`.
 * - `GET  /spaces/signed-in`  "Signed in — you can close this window" (the code is no longer in the address bar).
 * - `GET  /spaces/token`  `{ access_token, token_type: 'bearer', expires_in }`, refreshed when less than 60 s is left,
 *   one refresh at a time across every instance that shares the store; 401 `{ error: 'signed_out', sign_in_url }`.
 * - `POST /spaces/sign-out[?return_to=…]`  ends the session and revokes its refresh token: 204 (or 303 to return_to).
 *
 * What never leaves this module: the client secret and the refresh token (no response body, header, URL or log line
 * carries them). The access token goes only into `/spaces/token`'s body.
 */
import { randomBytes } from 'node:crypto';
import { normalizeConfig } from './config.js';
import { cookieName, createSealer, parseCookies, setCookie } from './cookies.js';
import { createOAuthClient } from './oauth-client.js';
import { empty, json, page } from './responses.js';
import { createMemorySessionStore } from './session-store.js';
import { isAbsolute, sameOriginPath } from './urls.js';

/** @typedef {import('node:http').IncomingMessage} NodeRequest */
/** @typedef {import('node:http').ServerResponse} NodeResponse */
/** @typedef {import('./session-store.js').Session} Session */
/** @typedef {import('./session-store.js').SessionStore} SessionStore */
/** @typedef {import('./config.js').TokenEndpointConfig} TokenEndpointConfig */
/** @typedef {'signIn' | 'callback' | 'signedIn' | 'token' | 'signOut'} Route */
/** @typedef {{ state: string, verifier: string, returnTo: string, expiresAt: number }} SignInAttempt */

/** A session id, and the state of a sign-in: 32 random bytes, base64url. */
const ID = /^[A-Za-z0-9_-]{43}$/;
const ERROR_CODE = /^[\w.-]{1,64}$/;
/** How often a waiting request looks again whether another instance's refresh is done. */
const LOCK_POLL_MS = 50;
/** The idle timeout slides at most once a minute per session: not a store write on every token request. */
const TOUCH_EVERY_S = 60;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** The session store failed (Redis unreachable, say): answered 503, never "signed out". */
class StoreUnavailable extends Error {}

/**
 * @param {TokenEndpointConfig} config
 * @param {{ sessionStore?: SessionStore, fetch?: typeof globalThis.fetch, now?: () => number, log?: (line: string) => void }} [options]
 *   sessionStore: an in-memory one (createMemorySessionStore) by default; several instances share a Redis one
 *     (createRedisSessionStore);
 *   fetch: how to reach Avaya Cloud Identity (globalThis.fetch);
 *   now: the clock in ms (Date.now); log: one line per notable event, never a token or secret (silent by default).
 * @returns {{
 *   handle: (req: NodeRequest, res: NodeResponse) => boolean,
 *   fetch: (request: Request) => Promise<Response | undefined>,
 *   routes: Readonly<Record<Route, string>>,
 * }}
 *   handle serves the request and returns true when it is one of the routes, else returns false and touches nothing;
 *   fetch answers one of the routes, or resolves to undefined for any other URL.
 */
export function createTokenEndpoint(config, { now = Date.now, sessionStore = createMemorySessionStore({ now }), fetch = globalThis.fetch, log = () => {} } = {}) {
  const c = normalizeConfig(config);
  const routes = Object.freeze({
    signIn: `${c.basePath}/sign-in`,
    callback: c.redirectPath,
    signedIn: `${c.basePath}/signed-in`,
    token: `${c.basePath}/token`,
    signOut: `${c.basePath}/sign-out`,
  });
  const store = guarded(sessionStore);
  const sealer = createSealer(c.clientSecret);
  /** Where the user signs in: relative (to this origin) only when the configuration is. */
  const signInUrl = c.signInUrl || (isAbsolute(c.redirectUri) ? new URL(routes.signIn, c.redirectUri).href : routes.signIn);
  /** One refresh at a time per session in this process: its promise, shared by every request that needs it. @type {Map<string, Promise<Session | 'signed-out' | 'unavailable'>>} */
  const refreshing = new Map();
  /** @type {Map<string, ReturnType<typeof createOAuthClient>>} by the site's origin (one, unless `dev`) */
  const oauthClients = new Map();

  /** @param {string} path @returns {Route | undefined} */
  const routeOf = (path) => /** @type {Route[]} */ (Object.keys(routes)).find((key) => routes[key] === path);

  /**
   * Everything that depends on the site's origin: the configured redirect URI's, or (dev) the request's own.
   * @param {URL} url  the request's
   */
  function siteOf(url) {
    const origin = isAbsolute(c.redirectUri) ? new URL(c.redirectUri).origin : url.origin;
    const redirectUri = new URL(c.redirectUri, origin).href;
    /** @type {import('./cookies.js').CookieScope} */
    const cookies = { secure: redirectUri.startsWith('https:'), path: c.cookiePath };
    let oauth = oauthClients.get(origin);
    if (!oauth) {
      const at = (/** @type {string} */ path) => new URL(path, origin);
      oauth = createOAuthClient({
        accounts: {
          authorize: at(`${c.accountsUrl}/oauth2/authorize`),
          token: at(`${c.accountsUrl}/oauth2/access_token`),
          revocation: c.revocationUrl ? at(c.revocationUrl) : undefined,
        },
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        fetch,
        timeoutMs: c.requestTimeoutMs,
      });
      oauthClients.set(origin, oauth);
    }
    return { origin, redirectUri, cookies, oauth };
  }

  /**
   * The Fetch API handler.
   * @param {Request} request
   * @returns {Promise<Response | undefined>}
   */
  async function fetchHandler(request) {
    const url = new URL(request.url);
    const route = routeOf(url.pathname);
    if (!route) return undefined;
    try {
      return await serve(route, request, url, siteOf(url));
    } catch (error) {
      if (error instanceof StoreUnavailable) {
        log(`${url.pathname}: the session store is unavailable`);
        return json(503, { error: 'temporarily_unavailable' }, { 'retry-after': '5' });
      }
      // Only error names: a parser's message may quote what it read.
      log(`${url.pathname}: failed (${error instanceof Error ? error.name : 'error'})`);
      return json(500, { error: 'server_error' });
    }
  }

  /**
   * The `node:http` (Express, Connect) handler.
   * @param {NodeRequest} req
   * @param {NodeResponse} res
   */
  function handle(req, res) {
    if (!routeOf(new URL(req.url ?? '/', 'http://endpoint').pathname)) return false;
    const request = toFetchRequest(req, isAbsolute(c.redirectUri) ? new URL(c.redirectUri).origin : undefined);
    (request ? fetchHandler(request) : Promise.resolve(json(400, { error: 'bad_request' })))
      .then((response) => writeNodeResponse(res, /** @type {Response} */ (response)))
      .catch(() => res.destroy());
    return true;
  }

  /**
   * @param {Route} route
   * @param {Request} request
   * @param {URL} url
   * @param {ReturnType<typeof siteOf>} site
   */
  async function serve(route, request, url, site) {
    if (route === 'token' || route === 'signOut') {
      const cors = corsHeaders(request);
      if (request.method === 'OPTIONS') return preflight(cors);
      const method = route === 'token' ? 'GET' : 'POST';
      if (request.method !== method) return json(405, { error: 'method_not_allowed' }, { ...cors, allow: `${method}, OPTIONS` });
      if (crossSite(request, site)) {
        log(`${url.pathname}: refused a cross-site request`);
        return json(403, { error: 'cross_site_request' }, cors);
      }
      return route === 'token' ? token(request, site, cors) : signOut(request, url, site, cors);
    }
    if (request.method !== 'GET') return page(405, 'Method not allowed', 'Open this address in the browser.', { headers: { allow: 'GET' } });
    if (route === 'signedIn') return page(200, 'Signed in — you can close this window', 'You are signed in to Avaya Spaces. Close this window and place your call.');
    return route === 'signIn' ? signIn(url, site) : callback(request, url, site);
  }

  /** @param {string} state  the cookie that holds one sign-in attempt, without the prefix */
  const attemptCookie = (state) => `${c.cookieName}_sign_in_${state.slice(0, 16)}`;

  /**
   * @param {URL} url
   * @param {ReturnType<typeof siteOf>} site
   */
  async function signIn(url, site) {
    const returnTo = url.searchParams.get('return_to');
    const safeReturnTo = returnTo === null ? '' : sameOriginPath(returnTo);
    if (safeReturnTo === undefined) {
      return page(400, 'Sign-in refused', 'return_to must be a path on this site, such as /crm/contacts.');
    }
    const { state, verifier } = site.oauth.newAttempt();
    const name = attemptCookie(state);
    /** @type {SignInAttempt} */
    const attempt = { state, verifier, returnTo: safeReturnTo, expiresAt: now() + c.signInTtlS * 1000 };
    const location = await site.oauth.authorizationUrl({ redirectUri: site.redirectUri, scope: c.scope, state, verifier });
    return empty(302, { location: location.href, 'set-cookie': setCookie(site.cookies, name, sealer.seal(name, attempt), c.signInTtlS) });
  }

  /**
   * @param {Request} request
   * @param {URL} url
   * @param {ReturnType<typeof siteOf>} site
   */
  async function callback(request, url, site) {
    const params = url.searchParams;
    const state = params.get('state') ?? '';
    const cookies = parseCookies(request.headers.get('cookie'));
    const name = ID.test(state) ? attemptCookie(state) : undefined;
    // An attempt is used once, whatever happens next: its cookie is cleared.
    const clearAttempt = name ? setCookie(site.cookies, name, '', 0) : undefined;
    /** @type {Record<string, string>} */
    const clear = clearAttempt ? { 'set-cookie': clearAttempt } : {};
    const attempt = name ? openAttempt(name, cookies.get(cookieName(site.cookies, name)), state) : undefined;
    /** @param {number} status @param {string} title @param {string} text @param {boolean} [retry] */
    const sorry = (status, title, text, retry = true) => page(status, title, text, { headers: clear, ...(retry ? { signInLink: signInUrl } : {}) });

    const error = params.get('error');
    if (error === 'access_denied') {
      log('callback: sign-in declined by the user');
      return sorry(200, 'Sign-in was declined', 'You declined to let this site use your Avaya Spaces account, so calls cannot be placed. You can close this window, or sign in again.');
    }
    if (error !== null) {
      const code = ERROR_CODE.test(error) ? error : 'unknown';
      log(`callback: Avaya Cloud Identity answered error=${code}`);
      return sorry(502, 'Sign-in failed', `Avaya Cloud Identity could not sign you in (${code}).`);
    }
    if (!state) return sorry(400, 'Sign-in failed', 'The answer from Avaya Cloud Identity has no state. Start the sign-in again.');
    if (!attempt) {
      return sorry(400, 'Sign-in expired', 'This sign-in is unknown, already used, expired, or was not started in this browser. Start the sign-in again.');
    }
    if (!params.get('code')) return sorry(400, 'Sign-in failed', 'The answer from Avaya Cloud Identity has no code. Start the sign-in again.');

    const answer = await site.oauth.exchangeCode(params, { redirectUri: site.redirectUri, state, verifier: attempt.verifier });
    if (!answer.ok) {
      log(`callback: code exchange failed (status ${answer.status}, ${answer.error})`);
      return sorry(502, 'Sign-in failed', `Avaya Cloud Identity did not complete the sign-in (${answer.error}). Start the sign-in again.`);
    }
    if (!answer.refreshToken) log('callback: no refresh token in the answer; the session ends when the access token expires');
    const previous = cookies.get(cookieName(site.cookies, c.cookieName));
    if (previous && ID.test(previous)) await store.delete(previous);
    const id = randomBytes(32).toString('base64url');
    const at = now();
    await store.set(id, {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      accessExpiresAt: at + answer.expiresIn * 1000,
      idleExpiresAt: at + c.idleTimeoutS * 1000,
      expiresAt: at + c.sessionTtlS * 1000,
    });
    log('callback: signed in, session started');
    // A redirect, even to "Signed in": the code leaves the address bar and the history.
    return empty(302, {
      location: attempt.returnTo || routes.signedIn,
      'set-cookie': [setCookie(site.cookies, c.cookieName, id, c.sessionTtlS), ...(clearAttempt ? [clearAttempt] : [])],
    });
  }

  /**
   * The attempt sealed in `text` when it is this state's and has not expired.
   * @param {string} name
   * @param {string | undefined} text
   * @param {string} state
   * @returns {SignInAttempt | undefined}
   */
  function openAttempt(name, text, state) {
    const value = /** @type {Partial<SignInAttempt> | undefined} */ (sealer.open(name, text));
    if (!value || value.state !== state || typeof value.verifier !== 'string' || typeof value.returnTo !== 'string') return undefined;
    return typeof value.expiresAt === 'number' && value.expiresAt > now() ? /** @type {SignInAttempt} */ (value) : undefined;
  }

  /**
   * @param {Request} request
   * @param {ReturnType<typeof siteOf>} site
   * @param {Record<string, string>} cors
   */
  async function token(request, site, cors) {
    const headers = { ...cors, pragma: 'no-cache' };
    const id = parseCookies(request.headers.get('cookie')).get(cookieName(site.cookies, c.cookieName));
    let session = id && ID.test(id) ? await store.get(id) : undefined;
    if (!id || !session) return signedOut(site, headers, id);
    if (needsRefresh(session)) {
      const refreshed = await refresh(id, site);
      if (refreshed === 'signed-out') return signedOut(site, headers, id);
      if (refreshed === 'unavailable') {
        // Avaya Cloud Identity is unreachable for now: the current token while it lasts, then 503 (not signed out).
        if (session.accessExpiresAt <= now()) return json(503, { error: 'temporarily_unavailable' }, { ...headers, 'retry-after': '5' });
      } else session = refreshed;
    }
    await slideIdleTimeout(id, session);
    const expiresIn = Math.max(0, Math.floor((session.accessExpiresAt - now()) / 1000));
    return json(200, { access_token: session.accessToken, token_type: 'bearer', expires_in: expiresIn }, headers);
  }

  /** @param {Session} session */
  const needsRefresh = (session) => session.accessExpiresAt - now() < c.refreshMarginS * 1000;

  /**
   * The idle timeout starts again (at most once a minute). Lost to a concurrent refresh or sign-out: that is fine.
   * @param {string} id
   * @param {Session} session
   */
  async function slideIdleTimeout(id, session) {
    const idleMs = c.idleTimeoutS * 1000;
    if (session.idleExpiresAt - now() > idleMs - Math.min(TOUCH_EVERY_S * 1000, idleMs / 2)) return;
    await store.replace(id, session, { ...session, idleExpiresAt: now() + idleMs });
  }

  /**
   * Refreshes a session's access token once, however many requests and instances need it at the same time: within
   * this process they share one promise; across instances, the one that takes the store's lock refreshes and the
   * others wait for the session it writes.
   * @param {string} id
   * @param {ReturnType<typeof siteOf>} site
   * @returns {Promise<Session | 'signed-out' | 'unavailable'>}
   */
  function refresh(id, site) {
    const running = refreshing.get(id);
    if (running) return running;
    const promise = (async () => {
      const lockMs = c.requestTimeoutMs + 5_000;
      for (let waited = 0; ; waited += LOCK_POLL_MS) {
        const current = await store.get(id);
        if (!current) return 'signed-out';
        if (!needsRefresh(current)) return current;
        const release = await store.lock(`refresh:${id}`, lockMs);
        if (release) {
          try {
            return await refreshHoldingLock(id, site);
          } finally {
            await release();
          }
        }
        if (waited > lockMs) return 'unavailable';
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
    })().finally(() => refreshing.delete(id));
    refreshing.set(id, promise);
    return promise;
  }

  /**
   * @param {string} id
   * @param {ReturnType<typeof siteOf>} site
   * @returns {Promise<Session | 'signed-out' | 'unavailable'>}
   */
  async function refreshHoldingLock(id, site) {
    // Read again now that the lock is ours: another instance may have refreshed (and rotated the refresh token).
    const current = await store.get(id);
    if (!current) return 'signed-out';
    if (!needsRefresh(current)) return current;
    if (!current.refreshToken) return 'signed-out';
    const answer = await site.oauth.refresh(current.refreshToken);
    if (!answer.ok) {
      if (!answer.definitive) {
        log(`token: refresh failed for now (status ${answer.status}, ${answer.error}); session kept`);
        return 'unavailable';
      }
      // Ended only when the refused token is still the session's: never one that another instance has just rotated.
      const latest = await store.get(id);
      if (latest && latest.refreshToken !== current.refreshToken) return latest;
      if (latest) await store.delete(id);
      log(`token: refresh refused (status ${answer.status}, ${answer.error}); session ended`);
      return 'signed-out';
    }
    /** @type {Session} */
    let next = {
      ...current,
      accessToken: answer.accessToken,
      // Rotated when the answer has one; some servers keep the old one valid and send none.
      refreshToken: answer.refreshToken || current.refreshToken,
      accessExpiresAt: now() + answer.expiresIn * 1000,
    };
    for (let previous = current; !(await store.replace(id, previous, next)); ) {
      const latest = await store.get(id);
      if (!latest || latest.refreshToken !== current.refreshToken) {
        // Signed out while the refresh ran: the session stays ended, and the new refresh token must not outlive it.
        if (!latest && answer.refreshToken) await revoke(site, answer.refreshToken, 'token: refresh after sign-out,');
        return latest ?? 'signed-out';
      }
      // Only the idle timeout moved meanwhile: keep it.
      previous = latest;
      next = { ...next, idleExpiresAt: latest.idleExpiresAt };
    }
    log('token: access token refreshed');
    return next;
  }

  /**
   * @param {ReturnType<typeof siteOf>} site
   * @param {Record<string, string>} headers
   * @param {string | undefined} id  the cookie's session id, if any: the cookie is then cleared
   */
  function signedOut(site, headers, id) {
    /** @type {Record<string, string>} */
    const clear = id === undefined ? {} : { 'set-cookie': setCookie(site.cookies, c.cookieName, '', 0) };
    return json(401, { error: 'signed_out', sign_in_url: signInUrl }, { ...headers, ...clear });
  }

  /**
   * @param {Request} request
   * @param {URL} url
   * @param {ReturnType<typeof siteOf>} site
   * @param {Record<string, string>} cors
   */
  async function signOut(request, url, site, cors) {
    const returnTo = url.searchParams.get('return_to');
    const safeReturnTo = returnTo === null ? '' : sameOriginPath(returnTo);
    const id = parseCookies(request.headers.get('cookie')).get(cookieName(site.cookies, c.cookieName));
    if (id && ID.test(id)) {
      const session = await store.get(id);
      await store.delete(id);
      log('sign-out: session ended');
      if (session?.refreshToken) await revoke(site, session.refreshToken, 'sign-out:');
    }
    const headers = { ...cors, 'set-cookie': setCookie(site.cookies, c.cookieName, '', 0) };
    return safeReturnTo ? empty(303, { ...headers, location: safeReturnTo }) : empty(204, headers);
  }

  /**
   * Revokes a refresh token at Avaya Cloud Identity, when a revocation endpoint is configured.
   * @param {ReturnType<typeof siteOf>} site
   * @param {string} refreshToken
   * @param {string} context  the log line's start
   */
  async function revoke(site, refreshToken, context) {
    if (!site.oauth.canRevoke) return log(`${context} refresh token not revoked (no revocationUrl configured)`);
    const revoked = (await site.oauth.revoke(refreshToken)) === 'revoked';
    log(`${context} ${revoked ? 'refresh token revoked' : 'revoking the refresh token failed'}`);
  }

  /**
   * A browser's cross-site request: an `Origin` that is neither the site's nor an allowed one, or (without `Origin`)
   * a `Sec-Fetch-Site` other than same-origin. Requests without either are not a browser's, and carry no one's cookie
   * by accident.
   * @param {Request} request
   * @param {ReturnType<typeof siteOf>} site
   */
  function crossSite(request, site) {
    const origin = request.headers.get('origin');
    if (origin !== null) return origin !== site.origin && !c.allowedOrigins.has(origin);
    const fetchSite = request.headers.get('sec-fetch-site');
    return fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none';
  }

  /** @param {Request} request */
  function corsHeaders(request) {
    if (c.allowedOrigins.size === 0) return {};
    const origin = request.headers.get('origin');
    /** @type {Record<string, string>} */
    const headers = { vary: 'Origin' };
    if (origin && c.allowedOrigins.has(origin)) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-credentials'] = 'true';
    }
    return headers;
  }

  /** @param {Record<string, string>} cors */
  function preflight(cors) {
    const allowed = 'access-control-allow-origin' in cors;
    return empty(204, {
      ...cors,
      ...(allowed
        ? { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'accept, content-type', 'access-control-max-age': '600' }
        : {}),
    });
  }

  return { handle, fetch: fetchHandler, routes };
}

/**
 * The store with every failure turned into StoreUnavailable.
 * @param {SessionStore} store
 * @returns {SessionStore}
 */
function guarded(store) {
  /** @template T @param {() => Promise<T>} call */
  const attempt = async (call) => {
    try {
      return await call();
    } catch {
      throw new StoreUnavailable();
    }
  };
  return {
    get: (id) => attempt(() => store.get(id)),
    set: (id, session) => attempt(() => store.set(id, session)),
    replace: (id, previous, next) => attempt(() => store.replace(id, previous, next)),
    delete: (id) => attempt(() => store.delete(id)),
    lock: async (name, ttlMs) => {
      const release = await attempt(() => store.lock(name, ttlMs));
      // A lock that cannot be released (the store went away) lapses by itself after ttlMs.
      return release && (() => release().catch(() => {}));
    },
  };
}

/**
 * A Fetch API Request for a `node:http` one (no body: no route reads one). Its origin is the site's when configured;
 * otherwise (dev) the Host header's, when it is a plain host. Undefined for a request that cannot be one.
 * @param {NodeRequest} req
 * @param {string | undefined} origin
 */
function toFetchRequest(req, origin) {
  const method = req.method ?? 'GET';
  const host = req.headers.host ?? '';
  if (!origin && !/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return undefined;
  const encrypted = /** @type {{ encrypted?: boolean }} */ (req.socket).encrypted;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  try {
    return new Request(new URL(req.url ?? '/', origin ?? `${encrypted ? 'https' : 'http'}://${host}`), {
      method: METHODS.has(method) ? method : 'PATCH', // one the routes refuse with 405
      headers,
    });
  } catch {
    return undefined;
  }
}

/**
 * @param {NodeResponse} res
 * @param {Response} response
 */
async function writeNodeResponse(res, response) {
  /** @type {Record<string, string | string[]>} */
  const headers = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}
