// @ts-check
/**
 * The reference token endpoint for `<spaces-call-button token-url="/spaces/token">`: a small server-side
 * module that signs the user in with Avaya Cloud Identity (OAuth2 authorization code + PKCE), keeps the tokens
 * on the server, and hands the page a short-lived access token. Node's http and crypto only, no framework:
 * `handle(req, res)` plugs into `node:http`, Express/Connect (`(req, res, next) => handle(req, res) || next()`),
 * Koa (`ctx.req`, `ctx.res`) or vite's dev server alike. Start from here for production; see README.md beside it.
 *
 * Routes (under `basePath`, `/spaces` by default):
 * - `GET  /spaces/sign-in[?return_to=/same-origin/path]`  302 to `{accounts}/oauth2/authorize` (state + PKCE S256).
 * - `GET  {redirect URI's path}` (`/spaces/callback`)  checks `state`, exchanges the code, starts the session
 *   (an opaque id in an HttpOnly cookie), then redirects to `return_to` or shows "Signed in".
 * - `GET  /spaces/token`  `{ access_token, token_type: 'bearer', expires_in }`, refreshed when less than 60 s is
 *   left; 401 `{ error: 'signed_out', sign_in_url }` without a session or when the refresh is refused.
 * - `POST /spaces/sign-out[?return_to=…]`  ends the session: 204 (or 303 to `return_to`).
 *
 * What never leaves this module: the client secret and the refresh token (no response body, header, URL or log
 * line carries them). The access token goes only into `/spaces/token`'s body.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/**
 * @typedef {{
 *   clientId: string,
 *   clientSecret: string,
 *   redirectUri: string,
 *   accountsUrl?: string,
 *   environment?: 'production' | 'staging',
 *   scope?: string,
 *   allowedOrigins?: readonly string[],
 *   cookieName?: string,
 *   cookiePath?: string,
 *   basePath?: string,
 *   signInUrl?: string,
 *   sessionTtlS?: number,
 *   signInTtlS?: number,
 *   refreshMarginS?: number,
 *   requestTimeoutMs?: number,
 * }} TokenEndpointConfig
 *   clientId, clientSecret: the OAuth client registered with Avaya Cloud Identity;
 *   redirectUri: the registered redirect URI, absolute (`https:`, or `http:` on loopback); its path is the callback
 *     route. A path alone (`/spaces/callback`) is resolved against each request's own origin: for dev servers only;
 *   accountsUrl: Avaya Cloud Identity's origin, or `environment` for the known ones (production by default);
 *     a path alone (`/`) means the request's own origin (the mock on a dev server);
 *   scope: `email profile spaces` by default;
 *   allowedOrigins: page origins allowed to call `/spaces/token` and `/spaces/sign-out` cross-origin with
 *     credentials (none by default: same origin only);
 *   cookieName (`spaces_session`), cookiePath (`/`): the session cookie (its state cookie is `<name>_state`);
 *   basePath: where sign-in, token and sign-out are served (`/spaces`);
 *   signInUrl: the `sign_in_url` of the 401 answer (default: `basePath/sign-in`, absolute when the redirect URI is);
 *   sessionTtlS: how long a session (and its cookie) lasts after sign-in (30 days);
 *   signInTtlS: how long a sign-in may take (600 s); refreshMarginS: refresh when less is left (60 s);
 *   requestTimeoutMs: for each request to Avaya Cloud Identity (10 s).
 * @typedef {{ kind: 'session', accessToken: string, refreshToken: string, accessExpiresAt: number, expiresAt: number }} Session
 * @typedef {{ kind: 'sign-in', verifier: string, returnTo: string, expiresAt: number }} PendingSignIn
 * @typedef {Session | PendingSignIn} StoredValue
 * @typedef {{
 *   get(id: string): StoredValue | undefined | Promise<StoredValue | undefined>,
 *   set(id: string, value: StoredValue): void | Promise<void>,
 *   delete(id: string): void | Promise<void>,
 * }} SessionStore
 *   Where sessions (key: the cookie's random id) and sign-ins under way (key: `sign-in:<state>`) are kept. Every
 *   value has `expiresAt` (ms since the epoch): a shared store (Redis, a database) uses it as the entry's TTL.
 *   Several server instances need a shared store.
 * @typedef {{ ok: true, accessToken: string, refreshToken: string, expiresIn: number }
 *   | { ok: false, definitive: boolean, status: number, error: string }} GrantAnswer
 */

/** Avaya Cloud Identity's origins. */
export const ACCOUNTS_URLS = Object.freeze({
  production: 'https://accounts.avayacloud.com',
  staging: 'https://onesnastaging.esna.com',
});
export const DEFAULT_SCOPE = 'email profile spaces';
export const DEFAULT_COOKIE_NAME = 'spaces_session';
export const DEFAULT_BASE_PATH = '/spaces';

const ID = /^[A-Za-z0-9_-]{43}$/;
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const ERROR_CODE = /^[\w.-]{1,64}$/;
const MAX_ANSWER = 64 * 1024;
const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * @param {TokenEndpointConfig} config
 * @param {{ sessionStore?: SessionStore, fetch?: typeof globalThis.fetch, now?: () => number, log?: (line: string) => void }} [options]
 *   sessionStore: an in-memory one (createMemorySessionStore) by default;
 *   fetch: how to reach Avaya Cloud Identity (globalThis.fetch);
 *   now: the clock in ms (Date.now); log: one line per notable event, never a token or secret (silent by default).
 * @returns {{ handle: (req: Request, res: Response) => boolean, routes: Readonly<Record<'signIn' | 'callback' | 'token' | 'signOut', string>> }}
 *   handle serves the request and returns true when it is one of the routes, else returns false and touches nothing.
 */
export function createTokenEndpoint(config, { now = Date.now, sessionStore = createMemorySessionStore({ now }), fetch = globalThis.fetch, log = () => {} } = {}) {
  const c = normalizeConfig(config);
  const routes = Object.freeze({
    signIn: `${c.basePath}/sign-in`,
    callback: c.redirectPath,
    token: `${c.basePath}/token`,
    signOut: `${c.basePath}/sign-out`,
  });
  const stateCookie = `${c.cookieName}_state`;
  /** Where the user signs in: relative (to this origin) only when the configuration is. */
  const signInUrl = c.signInUrl || (isAbsolute(c.redirectUri) ? new URL(routes.signIn, c.redirectUri).href : routes.signIn);
  /** One refresh at a time per session: its promise, shared by every request that needs it. @type {Map<string, Promise<Session | 'signed-out' | 'unavailable'>>} */
  const refreshing = new Map();

  /**
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://endpoint');
    const route = /** @type {keyof typeof routes | undefined} */ (
      Object.keys(routes).find((key) => routes[/** @type {keyof typeof routes} */ (key)] === url.pathname)
    );
    if (!route) return false;
    serve(route, req, res, url).catch((/** @type {unknown} */ error) => {
      // Only our own messages and error names: a parser's message may quote what it read.
      log(`${url.pathname}: failed (${error instanceof EndpointError ? error.message : error instanceof Error ? error.name : 'error'})`);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.destroy();
    });
    return true;
  }

  /**
   * @param {keyof typeof routes} route
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  async function serve(route, req, res, url) {
    if (route === 'token' || route === 'signOut') {
      const cors = corsHeaders(req);
      if (req.method === 'OPTIONS') return preflight(res, cors);
      const method = route === 'token' ? 'GET' : 'POST';
      if (req.method !== method) return sendJson(res, 405, { error: 'method_not_allowed' }, { ...cors, allow: `${method}, OPTIONS` });
      return route === 'token' ? token(req, res, cors) : signOut(req, res, url, cors);
    }
    if (req.method !== 'GET') return sendPage(res, 405, 'Method not allowed', 'Open this address in the browser.', { allow: 'GET' });
    return route === 'signIn' ? signIn(req, res, url) : callback(req, res, url);
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  async function signIn(req, res, url) {
    const returnTo = url.searchParams.get('return_to');
    const safeReturnTo = returnTo === null ? '' : sameOriginPath(returnTo);
    if (safeReturnTo === undefined) {
      return sendPage(res, 400, 'Sign-in refused', 'return_to must be a path on this site, such as /crm/contacts.');
    }
    const state = randomId();
    const verifier = randomId();
    await sessionStore.set(`sign-in:${state}`, { kind: 'sign-in', verifier, returnTo: safeReturnTo, expiresAt: now() + c.signInTtlS * 1000 });
    const authorize = resolve(`${c.accountsUrl}/oauth2/authorize`, req);
    const params = {
      client_id: c.clientId,
      redirect_uri: resolve(c.redirectUri, req).href,
      scope: c.scope,
      response_type: 'code',
      access_type: 'offline',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
    res.writeHead(302, {
      location: authorize.href,
      'set-cookie': cookie(req, stateCookie, state, { path: c.redirectPath, maxAgeS: c.signInTtlS }),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    res.end();
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   */
  async function callback(req, res, url) {
    const params = url.searchParams;
    const state = params.get('state') ?? '';
    const cookies = parseCookies(req.headers.cookie);
    const clearState = cookie(req, stateCookie, '', { path: c.redirectPath, maxAgeS: 0 });
    /** @param {number} status @param {string} title @param {string} text @param {boolean} [retry] */
    const page = (status, title, text, retry = true) =>
      sendPage(res, status, title, text, { 'set-cookie': clearState }, retry ? signInUrl : undefined);

    // A state is used once, whatever happens next.
    const pending = ID.test(state) ? await sessionStore.get(`sign-in:${state}`) : undefined;
    if (pending) await sessionStore.delete(`sign-in:${state}`);
    const error = params.get('error');
    if (error === 'access_denied') {
      log('callback: sign-in declined by the user');
      return page(200, 'Sign-in was declined', 'You declined to let this site use your Avaya Spaces account, so calls cannot be placed. You can close this window, or sign in again.');
    }
    if (error !== null) {
      const code = ERROR_CODE.test(error) ? error : 'unknown';
      log(`callback: Avaya Cloud Identity answered error=${code}`);
      return page(502, 'Sign-in failed', `Avaya Cloud Identity could not sign you in (${code}).`);
    }
    if (!state) return page(400, 'Sign-in failed', 'The answer from Avaya Cloud Identity has no state. Start the sign-in again.');
    if (!pending || pending.kind !== 'sign-in' || pending.expiresAt <= now()) {
      return page(400, 'Sign-in expired', 'This sign-in is unknown, already used or expired. Start the sign-in again.');
    }
    const expected = cookies.get(stateCookie);
    if (!expected || !sameText(expected, state)) {
      return page(400, 'Sign-in failed', 'This sign-in was not started in this browser (the state does not match). Start the sign-in again.');
    }
    const code = params.get('code');
    if (!code) return page(400, 'Sign-in failed', 'The answer from Avaya Cloud Identity has no code. Start the sign-in again.');

    const answer = await grant(req, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: resolve(c.redirectUri, req).href,
      code_verifier: pending.verifier,
    });
    if (!answer.ok) {
      log(`callback: code exchange failed (status ${answer.status}, ${answer.error})`);
      return page(502, 'Sign-in failed', `Avaya Cloud Identity did not complete the sign-in (${answer.error}). Start the sign-in again.`);
    }
    if (!answer.refreshToken) log('callback: no refresh token in the answer; the session ends when the access token expires');
    const previous = cookies.get(c.cookieName);
    if (previous && ID.test(previous)) await sessionStore.delete(previous);
    const id = randomId();
    await sessionStore.set(id, {
      kind: 'session',
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      accessExpiresAt: now() + answer.expiresIn * 1000,
      expiresAt: now() + c.sessionTtlS * 1000,
    });
    log('callback: signed in, session started');
    const setCookies = [cookie(req, c.cookieName, id, { path: c.cookiePath, maxAgeS: c.sessionTtlS }), clearState];
    if (pending.returnTo) {
      res.writeHead(302, { location: pending.returnTo, 'set-cookie': setCookies, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      return void res.end();
    }
    sendPage(res, 200, 'Signed in — you can close this window', 'You are signed in to Avaya Spaces. Close this window and place your call.', {
      'set-cookie': setCookies,
    });
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {Record<string, string>} cors
   */
  async function token(req, res, cors) {
    const headers = { ...cors, 'cache-control': 'no-store', pragma: 'no-cache' };
    const id = parseCookies(req.headers.cookie).get(c.cookieName);
    let session = id && ID.test(id) ? await sessionStore.get(id) : undefined;
    if (!id || !session || session.kind !== 'session' || session.expiresAt <= now()) return signedOut(req, res, headers, id);
    if (session.accessExpiresAt - now() < c.refreshMarginS * 1000) {
      const refreshed = await refresh(req, id);
      if (refreshed === 'signed-out') return signedOut(req, res, headers, id);
      if (refreshed === 'unavailable') {
        // Avaya Cloud Identity is unreachable for now: the current token while it lasts, then 503 (not signed out).
        if (session.accessExpiresAt <= now()) return sendJson(res, 503, { error: 'temporarily_unavailable' }, { ...headers, 'retry-after': '5' });
      } else session = refreshed;
    }
    sendJson(
      res,
      200,
      { access_token: session.accessToken, token_type: 'bearer', expires_in: Math.max(0, Math.floor((session.accessExpiresAt - now()) / 1000)) },
      headers,
    );
  }

  /**
   * Refreshes a session's access token, once at a time: concurrent callers share the same promise.
   * @param {Request} req
   * @param {string} id
   */
  function refresh(req, id) {
    const running = refreshing.get(id);
    if (running) return running;
    const promise = (async () => {
      // Read again: a refresh that ended since the caller read the session left a fresh token (and rotated the
      // refresh token the caller holds).
      const current = await sessionStore.get(id);
      if (!current || current.kind !== 'session' || current.expiresAt <= now()) return 'signed-out';
      if (current.accessExpiresAt - now() >= c.refreshMarginS * 1000) return current;
      if (!current.refreshToken) {
        await sessionStore.delete(id);
        log('token: the access token expired and there is no refresh token; session ended');
        return 'signed-out';
      }
      const answer = await grant(req, { grant_type: 'refresh_token', refresh_token: current.refreshToken });
      if (!answer.ok) {
        if (!answer.definitive) {
          log(`token: refresh failed for now (status ${answer.status}, ${answer.error}); session kept`);
          return 'unavailable';
        }
        await sessionStore.delete(id);
        log(`token: refresh refused (status ${answer.status}, ${answer.error}); session ended`);
        return 'signed-out';
      }
      /** @type {Session} */
      const session = {
        kind: 'session',
        accessToken: answer.accessToken,
        // Rotated when the answer has one; some servers keep the old one valid and send none.
        refreshToken: answer.refreshToken || current.refreshToken,
        accessExpiresAt: now() + answer.expiresIn * 1000,
        expiresAt: current.expiresAt,
      };
      await sessionStore.set(id, session);
      log('token: access token refreshed');
      return session;
    })().finally(() => refreshing.delete(id));
    refreshing.set(id, promise);
    return promise;
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {Record<string, string>} headers
   * @param {string | undefined} id  the cookie's session id, if any: the cookie is then cleared
   */
  function signedOut(req, res, headers, id) {
    /** @type {Record<string, string>} */
    const clear = id === undefined ? {} : { 'set-cookie': cookie(req, c.cookieName, '', { path: c.cookiePath, maxAgeS: 0 }) };
    sendJson(res, 401, { error: 'signed_out', sign_in_url: signInUrl }, { ...headers, ...clear });
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {URL} url
   * @param {Record<string, string>} cors
   */
  async function signOut(req, res, url, cors) {
    const returnTo = url.searchParams.get('return_to');
    const safeReturnTo = returnTo === null ? '' : sameOriginPath(returnTo);
    const id = parseCookies(req.headers.cookie).get(c.cookieName);
    if (id && ID.test(id)) await sessionStore.delete(id);
    if (id) log('sign-out: session ended');
    const headers = { ...cors, 'cache-control': 'no-store', 'set-cookie': cookie(req, c.cookieName, '', { path: c.cookiePath, maxAgeS: 0 }) };
    if (safeReturnTo) res.writeHead(303, { ...headers, location: safeReturnTo });
    else res.writeHead(204, headers);
    res.end();
  }

  /**
   * A grant at `{accounts}/oauth2/access_token`, with the client's credentials. Redirects are not followed: the
   * body holds the client secret.
   * @param {Request} req
   * @param {Record<string, string>} form
   * @returns {Promise<GrantAnswer>}
   */
  async function grant(req, form) {
    const body = new URLSearchParams({ ...form, client_id: c.clientId, client_secret: c.clientSecret });
    let response;
    try {
      response = await fetch(resolve(`${c.accountsUrl}/oauth2/access_token`, req), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(c.requestTimeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network';
      return { ok: false, definitive: false, status: 0, error: reason };
    }
    const text = await readLimited(response);
    /** @type {any} */
    let json;
    try {
      json = JSON.parse(text ?? '');
    } catch {
      json = undefined;
    }
    const status = response.status;
    if (response.ok && typeof json?.access_token === 'string' && json.access_token) {
      const expiresIn = Number(json.expires_in);
      return {
        ok: true,
        accessToken: json.access_token,
        refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : '',
        expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3599,
      };
    }
    const error = typeof json?.error === 'string' && ERROR_CODE.test(json.error) ? json.error : response.ok ? 'no_access_token' : 'http_error';
    // The grant itself was refused (RFC 6749 §5.2): signing in again is the way out. 5xx, 429, odd answers: retry later.
    const definitive = status === 400 || status === 401 || status === 403;
    return { ok: false, definitive, status, error };
  }

  /** @param {Request} req */
  function corsHeaders(req) {
    if (c.allowedOrigins.size === 0) return {};
    const origin = req.headers.origin;
    /** @type {Record<string, string>} */
    const headers = { vary: 'Origin' };
    if (origin && c.allowedOrigins.has(origin)) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-credentials'] = 'true';
    }
    return headers;
  }

  /**
   * @param {Response} res
   * @param {Record<string, string>} cors
   */
  function preflight(res, cors) {
    const allowed = 'access-control-allow-origin' in cors;
    res.writeHead(204, {
      ...cors,
      ...(allowed
        ? { 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'accept, content-type', 'access-control-max-age': '600' }
        : {}),
    });
    res.end();
  }

  /**
   * A configured URL or path (a dev server's), as an absolute URL.
   * @param {string} value
   * @param {Request} req
   */
  const resolve = (value, req) => (isAbsolute(value) ? new URL(value) : new URL(value, requestOrigin(req)));

  /**
   * @param {Request} req
   * @param {string} name
   * @param {string} value
   * @param {{ path: string, maxAgeS: number }} options
   */
  function cookie(req, name, value, { path, maxAgeS }) {
    const loopback = isLoopbackHost(resolve(c.redirectUri, req).hostname);
    return `${name}=${value}; Path=${path}; Max-Age=${maxAgeS}; HttpOnly; SameSite=Lax${loopback ? '' : '; Secure'}`;
  }

  return { handle, routes };
}

/**
 * The default session store: a Map in this process, entries dropped once `expiresAt` has passed (and the oldest
 * beyond `maxEntries`). Sessions are lost on restart and not shared between instances.
 * @param {{ now?: () => number, maxEntries?: number }} [options]
 * @returns {SessionStore & { readonly size: number }}
 */
export function createMemorySessionStore({ now = Date.now, maxEntries = 100_000 } = {}) {
  /** @type {Map<string, StoredValue>} */
  const entries = new Map();
  return {
    get(id) {
      const value = entries.get(id);
      if (value && value.expiresAt <= now()) {
        entries.delete(id);
        return undefined;
      }
      return value;
    },
    set(id, value) {
      entries.delete(id);
      entries.set(id, value);
      if (entries.size <= maxEntries) return;
      for (const [key, { expiresAt }] of entries) if (expiresAt <= now()) entries.delete(key);
      for (const key of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(key);
      }
    },
    delete(id) {
      entries.delete(id);
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * Checks a configuration and fills in the defaults; throws a TypeError naming every problem.
 * @param {TokenEndpointConfig} config
 */
export function normalizeConfig(config) {
  /** @type {string[]} */
  const problems = [];
  const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value.trim() : '');
  const clientId = text(config.clientId);
  const clientSecret = text(config.clientSecret);
  if (!clientId) problems.push('clientId is missing');
  if (!clientSecret) problems.push('clientSecret is missing');

  const redirectUri = text(config.redirectUri);
  let redirectPath = '';
  if (!redirectUri) problems.push('redirectUri is missing');
  else if (redirectUri.startsWith('/') && !redirectUri.startsWith('//')) redirectPath = new URL(redirectUri, 'http://x').pathname;
  else if (!isSecureOrLoopbackUrl(redirectUri)) problems.push('redirectUri must be an https: URL (http: only on localhost), or a path');
  else redirectPath = new URL(redirectUri).pathname;

  const environment = config.environment ?? 'production';
  let accountsUrl = text(config.accountsUrl);
  if (!accountsUrl) {
    if (!(environment in ACCOUNTS_URLS)) problems.push('environment must be production or staging');
    accountsUrl = ACCOUNTS_URLS[environment] ?? '';
  } else if (accountsUrl.startsWith('/') && !accountsUrl.startsWith('//')) {
    accountsUrl = new URL(accountsUrl, 'http://x').pathname;
  } else if (!isSecureOrLoopbackUrl(accountsUrl)) {
    problems.push('accountsUrl must be an https: URL (http: only on localhost), or a path');
  } else {
    const parsed = new URL(accountsUrl);
    accountsUrl = `${parsed.origin}${parsed.pathname}`;
  }
  accountsUrl = accountsUrl.replace(/\/+$/, '');

  /** @type {Set<string>} */
  const allowedOrigins = new Set();
  for (const origin of config.allowedOrigins ?? []) {
    const value = text(origin);
    if (value === '*') problems.push('allowedOrigins cannot be *: credentials are never shared with any origin');
    else if (!isSecureOrLoopbackUrl(value) || new URL(value).origin !== value.replace(/\/$/, '')) {
      problems.push(`allowedOrigins: “${value}” is not an origin such as https://crm.example.com`);
    } else allowedOrigins.add(new URL(value).origin);
  }

  const cookieName = text(config.cookieName) || DEFAULT_COOKIE_NAME;
  if (!COOKIE_NAME.test(cookieName)) problems.push('cookieName has characters a cookie name cannot have');
  const basePath = (text(config.basePath) || DEFAULT_BASE_PATH).replace(/\/+$/, '');
  if (!basePath.startsWith('/')) problems.push('basePath must start with /');
  const cookiePath = text(config.cookiePath) || '/';
  if (!cookiePath.startsWith('/') || /[;\s]/.test(cookiePath)) problems.push('cookiePath must be a path');
  const seconds = (/** @type {number | undefined} */ value, /** @type {number} */ fallback, /** @type {string} */ name) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0) problems.push(`${name} must be a number of seconds`);
    return value;
  };
  const normalized = {
    clientId,
    clientSecret,
    redirectUri,
    redirectPath,
    accountsUrl,
    scope: text(config.scope) || DEFAULT_SCOPE,
    allowedOrigins,
    cookieName,
    cookiePath,
    basePath,
    signInUrl: text(config.signInUrl),
    sessionTtlS: seconds(config.sessionTtlS, 30 * 24 * 3600, 'sessionTtlS'),
    signInTtlS: seconds(config.signInTtlS, 600, 'signInTtlS'),
    refreshMarginS: seconds(config.refreshMarginS, 60, 'refreshMarginS'),
    requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
  };
  if (problems.length) throw new TypeError(`createTokenEndpoint: ${problems.join('; ')}.`);
  return normalized;
}

class EndpointError extends Error {}

/**
 * The path (with query and fragment) of `value` when it stays on this origin; '' for none, undefined when refused.
 * @param {string} value
 */
export function sameOriginPath(value) {
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\\]/.test(value)) return undefined;
  const base = 'http://same.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : undefined;
}

/** @param {string} hostname  as URL parses it (IPv6 in brackets) */
export function isLoopbackHost(hostname) {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** @param {string} value */
function isAbsolute(value) {
  return /^https?:\/\//i.test(value);
}

/** @param {string} value */
function isSecureOrLoopbackUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

/**
 * The request's own origin, for configurations given as paths (dev servers).
 * @param {Request} req
 */
function requestOrigin(req) {
  const host = req.headers.host ?? '';
  if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) throw new EndpointError('bad Host header');
  const encrypted = /** @type {{ encrypted?: boolean }} */ (req.socket).encrypted;
  return `${encrypted ? 'https' : 'http'}://${host}`;
}

/** @param {string | undefined} header */
function parseCookies(header) {
  /** @type {Map<string, string>} */
  const cookies = new Map();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    // The first of two cookies of one name is the one with the longest path.
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

const randomId = () => randomBytes(32).toString('base64url');

/** @param {string} a @param {string} b */
function sameText(a, b) {
  const digest = (/** @type {string} */ text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The body, at most MAX_ANSWER characters (undefined beyond).
 * @param {globalThis.Response} response
 */
async function readLimited(response) {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_ANSWER) {
    await response.body?.cancel();
    return undefined;
  }
  const text = await response.text().catch(() => undefined);
  return text !== undefined && text.length <= MAX_ANSWER ? text : undefined;
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string | string[]>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A small page: no script, no external resource, under a CSP that says so.
 * @param {Response} res
 * @param {number} status
 * @param {string} title
 * @param {string} text
 * @param {Record<string, string | string[]>} [headers]
 * @param {string} [signInLink]  offers "Sign in again"
 */
function sendPage(res, status, title, text, headers = {}, signInLink) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  const link = signInLink ? `<p><a href="${escapeHtml(signInLink)}">Sign in again</a></p>` : '';
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>` +
      `<p>${escapeHtml(text)}</p>${link}</body></html>`,
  );
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
