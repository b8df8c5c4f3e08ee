// @ts-check
/**
 * The mock Avaya Cloud Identity (accounts) server: the two OAuth2 endpoints a token endpoint talks to, as
 * ../shared/spaces-api/REALTIME.md ("Tokens") describes the real `https://accounts.avayacloud.com`.
 * `createMockSpacesApi` (mock-spaces-api.js) owns one and serves it on the same server, at the root or under
 * `/mock/<session>/` like the rest of the mock.
 *
 * - `GET {base}/oauth2/authorize?client_id&redirect_uri&scope&response_type=code&state[&code_challenge&
 *   code_challenge_method=S256][&access_type=offline]`: a consent page (Accept / Deny, no script, no external
 *   resource, its own strict CSP). An unknown client or a redirect URI not registered for it: a 400 page, no
 *   redirect. Accept (a form `POST` to the same path) redirects to the redirect URI with `code` and `state`;
 *   Deny with `error=access_denied` and `state`.
 * - `POST {base}/oauth2/access_token` (form-encoded, client_id and client_secret in the body):
 *   `grant_type=authorization_code` (code, redirect_uri, code_verifier; the code is single-use and lives
 *   `codeLifetimeS`; S256(code_verifier) must equal the code_challenge) and `grant_type=refresh_token` (the
 *   refresh token is rotated: the old one is refused after use, and using it again revokes the grant). A refresh
 *   token is issued only with `access_type=offline`. Answers `{ access_token, token_type: 'bearer', expires_in,
 *   refresh_token?, scope }` or `{ error, error_description }` (400, or 401 for `invalid_client`).
 * - `POST {base}/oauth2/revoke` (RFC 7009; form-encoded `token`, optional `token_type_hint`, the client's
 *   credentials in the body): revokes that refresh token; 200 with an empty
 *   body whether or not the token was known, 401 `invalid_client` for a wrong client. Not in Avaya's public
 *   documentation: a token endpoint configured with a revocation URL calls it at sign-out.
 * - The access tokens it issued (`mock-oauth-<grant>~<n>`: one realtime user per sign-in) are accepted by the
 *   REST mock and the channel as `bearer` until `accessTokenLifetimeS` has passed, then refused (401).
 *
 * Test hooks, per `{base}` (tokens remember the base they were issued under):
 * - `GET {base}/__accounts`: the log (grants asked for and their answer; never a token or secret).
 * - `POST {base}/__accounts/revoke` (JSON or form, optional `refresh_token`): revokes that refresh token, or
 *   every refresh token issued under `{base}`; answers `{ revoked }`. Access tokens already issued stay valid
 *   until they expire, as with a real revocation seen by a token endpoint that only refreshes near expiry.
 * - `POST {base}/__accounts/clock` `{ "advanceS": 90 }` (or `{ "offsetS": 0 }`): moves the clock of `{base}`
 *   (the accounts' expiry checks, and the token endpoint mounted on it) forward; answers `{ offsetS }`.
 * The same are functions on the returned object: `revoke`, `advanceClock`, `now`, `log`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readBody } from './read-body.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/**
 * @typedef {{ clientId: string, clientSecret: string, redirectUris: string[] }} MockClient
 * @typedef {{ session: string, clientId: string, redirectUri: string, scope: string, challenge: string,
 *   offline: boolean, expiresAt: number }} IssuedCode
 * @typedef {{ session: string, grant: string, expiresAt: number }} IssuedAccessToken
 * @typedef {{ session: string, grant: string, clientId: string, scope: string }} IssuedRefreshToken
 * @typedef {{ at: string, type: string, [detail: string]: unknown }} AccountsLogEntry
 */

export const MOCK_CLIENT_ID = 'mock-client';
export const MOCK_CLIENT_SECRET = 'mock-secret';
/** The demo's redirect URIs (`npm start` on its default port), registered for `mock-client` by default. */
export const DEMO_REDIRECT_URIS = Object.freeze(['http://localhost:5173/spaces/callback', 'http://127.0.0.1:5173/spaces/callback']);
/** Issued access tokens start with this. */
export const ISSUED_TOKEN_PREFIX = 'mock-oauth-';

const PATH = /^((?:\/mock\/[\w-]{1,64})?)\/(oauth2\/authorize|oauth2\/access_token|oauth2\/revoke|__accounts(?:\/revoke|\/clock)?)$/;
const MAX_BODY = 16 * 1024;
const MAX_ENTRIES = 20_000;
const MAX_LOG = 500;
const PKCE = /^[A-Za-z0-9._~-]{43,128}$/;
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  'h1{font-size:1.4rem}.who{color:#555}form{display:flex;gap:.75rem;margin-top:1.5rem}' +
  'button{font:inherit;padding:.5rem 1.25rem;border-radius:.4rem;border:1px solid #1d4ed8;cursor:pointer}' +
  'button[value=accept]{background:#1d4ed8;color:#fff}button[value=deny]{background:#fff;color:#1d4ed8}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The PKCE S256 challenge of a verifier. @param {string} verifier */
export const pkceChallenge = (verifier) => createHash('sha256').update(verifier).digest('base64url');

/**
 * @param {{
 *   clients?: MockClient[], allowLoopbackRedirectUris?: boolean, accessTokenLifetimeS?: number,
 *   codeLifetimeS?: number, now?: () => number
 * }} [options]
 *   clients: the registered clients (default: `mock-client` / `mock-secret` with DEMO_REDIRECT_URIS);
 *   allowLoopbackRedirectUris: any `http://localhost|127.x|[::1]` redirect URI is accepted for every client (tests);
 *   accessTokenLifetimeS: access tokens' lifetime (`expires_in`), 3599 by default;
 *   codeLifetimeS: authorization codes' lifetime, 60 by default;
 *   now: the clock (ms), Date.now by default; each `{base}` adds its own offset (`advanceClock`).
 */
export function createMockAccounts({
  clients = [{ clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, redirectUris: [...DEMO_REDIRECT_URIS] }],
  allowLoopbackRedirectUris = false,
  accessTokenLifetimeS = 3599,
  codeLifetimeS = 60,
  now: clock = Date.now,
} = {}) {
  /** @type {Map<string, IssuedCode>} */
  const codes = new Map();
  /** @type {Map<string, IssuedAccessToken>} */
  const accessTokens = new Map();
  /** @type {Map<string, IssuedRefreshToken>} */
  const refreshTokens = new Map();
  /** Refresh tokens already rotated, to their grant: using one again revokes the grant. @type {Map<string, string>} */
  const rotated = new Map();
  /** @type {Map<string, number>} */
  const offsets = new Map();
  /** @type {Map<string, AccountsLogEntry[]>} */
  const logs = new Map();
  let serial = 0;

  /** The clock of a `{base}` session (ms). */
  const now = (session = '') => clock() + (offsets.get(session) ?? 0);

  /**
   * @param {string} session
   * @param {string} type
   * @param {Record<string, unknown>} [detail]
   */
  function log(session, type, detail = {}) {
    const entries = logs.get(session) ?? [];
    logs.set(session, entries);
    entries.push({ at: new Date(now(session)).toISOString(), type, ...detail });
    if (entries.length > MAX_LOG) entries.splice(0, entries.length - MAX_LOG);
  }

  /**
   * Serves the request if it is the accounts'; returns false to let the host server go on.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://mock');
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const session = match[1].slice('/mock/'.length);
    const route = match[2];
    if (route === 'oauth2/authorize') {
      if (req.method === 'GET') authorizePage(res, session, url.searchParams);
      else if (req.method === 'POST') void readForm(req).then((form) => decide(res, session, form));
      else sendJson(res, 405, { error: 'invalid_request', error_description: 'GET or POST.' }, { allow: 'GET, POST' });
    } else if (route === 'oauth2/access_token') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'invalid_request', error_description: 'POST.' }, { allow: 'POST' });
      else if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
        sendJson(res, 400, { error: 'invalid_request', error_description: 'The body must be application/x-www-form-urlencoded.' });
      } else void readForm(req).then((form) => tokenRequest(res, session, form));
    } else if (route === 'oauth2/revoke') {
      if (req.method !== 'POST') sendJson(res, 405, { error: 'invalid_request', error_description: 'POST.' }, { allow: 'POST' });
      else void readForm(req).then((form) => revocationRequest(res, form));
    } else if (route === '__accounts') {
      if (req.method === 'DELETE') logs.delete(session);
      sendJson(res, 200, logs.get(session) ?? []);
    } else if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'POST.' }, { allow: 'POST' });
    } else {
      void readForm(req).then((form) => {
        if (route === '__accounts/revoke') {
          const token = form.get('refresh_token');
          sendJson(res, 200, { revoked: revoke(token ? { refreshToken: token } : { session }) });
        } else {
          const offsetS = Number(form.get('offsetS') ?? NaN);
          const advanceS = Number(form.get('advanceS') ?? 0);
          if (Number.isFinite(offsetS)) offsets.set(session, offsetS * 1000);
          else if (Number.isFinite(advanceS)) advanceClock(session, advanceS);
          sendJson(res, 200, { offsetS: (offsets.get(session) ?? 0) / 1000 });
        }
      });
    }
    return true;
  }

  /**
   * The client and redirect URI of an authorization request, or why they cannot be trusted to redirect to.
   * @param {URLSearchParams} params
   * @returns {{ client: MockClient, redirectUri: string } | { problem: string }}
   */
  function checkClient(params) {
    const clientId = params.get('client_id') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const client = clients.find((c) => c.clientId === clientId);
    if (!client) return { problem: `Unknown client_id “${clientId}”. Register the client first.` };
    if (!redirectUri) return { problem: 'The redirect_uri is missing.' };
    const registered = client.redirectUris.includes(redirectUri) || (allowLoopbackRedirectUris && isLoopbackHttpUrl(redirectUri));
    if (!registered) {
      return {
        problem: `The redirect_uri “${redirectUri}” is not registered for ${clientId}. Registered: ${client.redirectUris.join(', ') || 'none'}.`,
      };
    }
    return { client, redirectUri };
  }

  /**
   * @param {URLSearchParams} params
   * @returns {string}  an OAuth error code for the redirect, or ''
   */
  function requestProblem(params) {
    if (params.get('response_type') !== 'code') return 'unsupported_response_type';
    const method = params.get('code_challenge_method');
    const challenge = params.get('code_challenge');
    if (method && method !== 'S256') return 'invalid_request';
    if (challenge && (method !== 'S256' || !CHALLENGE.test(challenge))) return 'invalid_request';
    return '';
  }

  /**
   * @param {Response} res
   * @param {string} session
   * @param {URLSearchParams} params
   */
  function authorizePage(res, session, params) {
    const checked = checkClient(params);
    if ('problem' in checked) {
      log(session, 'authorize-refused', { reason: checked.problem });
      return sendPage(res, 400, 'Sign-in request refused', `<p>${escapeHtml(checked.problem)}</p>`);
    }
    const problem = requestProblem(params);
    if (problem) {
      log(session, 'authorize-refused', { reason: problem });
      return redirect(res, checked.redirectUri, { error: problem, state: params.get('state') });
    }
    const fields = ['client_id', 'redirect_uri', 'scope', 'state', 'response_type', 'code_challenge', 'code_challenge_method', 'access_type']
      .filter((name) => params.has(name))
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
      .join('');
    const scope = params.get('scope') || '(none)';
    const body =
      `<p><strong>${escapeHtml(checked.client.clientId)}</strong> wants to use your Avaya Spaces account ` +
      `(scope: ${escapeHtml(scope)}).</p><p class="who">Signed in as Mock Caller (mock.caller@example.com)</p>` +
      `<form method="post">${fields}<button name="decision" value="accept" autofocus>Accept</button>` +
      `<button name="decision" value="deny">Deny</button></form>`;
    log(session, 'consent-shown', { clientId: checked.client.clientId });
    sendPage(res, 200, 'Sign in with Avaya Spaces (mock)', body, checked.redirectUri);
  }

  /**
   * The consent form's answer.
   * @param {Response} res
   * @param {string} session
   * @param {URLSearchParams} form
   */
  function decide(res, session, form) {
    const checked = checkClient(form);
    if ('problem' in checked) return sendPage(res, 400, 'Sign-in request refused', `<p>${escapeHtml(checked.problem)}</p>`);
    const state = form.get('state');
    const problem = requestProblem(form);
    if (problem) return redirect(res, checked.redirectUri, { error: problem, state });
    const decision = form.get('decision');
    if (decision === 'deny') {
      log(session, 'consent-denied', { clientId: checked.client.clientId });
      return redirect(res, checked.redirectUri, { error: 'access_denied', state });
    }
    if (decision !== 'accept') return sendPage(res, 400, 'Sign-in request refused', '<p>Choose Accept or Deny.</p>');
    const code = `mock-code-${randomId()}`;
    codes.set(code, {
      session,
      clientId: checked.client.clientId,
      redirectUri: checked.redirectUri,
      scope: form.get('scope') ?? '',
      challenge: form.get('code_challenge') ?? '',
      offline: form.get('access_type') === 'offline',
      expiresAt: now(session) + codeLifetimeS * 1000,
    });
    prune(codes, (c) => c.expiresAt <= now(c.session));
    log(session, 'consent-accepted', { clientId: checked.client.clientId, pkce: Boolean(form.get('code_challenge')) });
    redirect(res, checked.redirectUri, { code, state });
  }

  /**
   * @param {Response} res
   * @param {string} session
   * @param {URLSearchParams} form
   */
  function tokenRequest(res, session, form) {
    const grantType = form.get('grant_type') ?? '';
    /** @param {number} status @param {string} error @param {string} description */
    const refuse = (status, error, description) => {
      log(session, 'token-refused', { grantType, error, reason: description });
      sendJson(res, status, { error, error_description: description });
    };
    const client = clients.find((c) => c.clientId === form.get('client_id'));
    if (!client || !sameSecret(form.get('client_secret') ?? '', client.clientSecret)) {
      return refuse(401, 'invalid_client', 'Unknown client or wrong client_secret.');
    }
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      codes.delete(code); // single-use, whatever happens next
      if (!issued || issued.expiresAt <= now(issued.session)) return refuse(400, 'invalid_grant', 'Unknown, used or expired code.');
      if (issued.clientId !== client.clientId) return refuse(400, 'invalid_grant', 'The code was issued to another client.');
      if (form.get('redirect_uri') !== issued.redirectUri) return refuse(400, 'invalid_grant', 'redirect_uri differs from the authorize request’s.');
      if (issued.challenge) {
        const verifier = form.get('code_verifier') ?? '';
        if (!PKCE.test(verifier)) return refuse(400, 'invalid_grant', 'code_verifier is missing or malformed.');
        if (pkceChallenge(verifier) !== issued.challenge) return refuse(400, 'invalid_grant', 'PKCE: S256(code_verifier) does not match the code_challenge.');
      }
      const grant = `${issued.session || 'root'}-${randomId().slice(0, 16)}`;
      log(session, 'token-issued', { grantType, clientId: client.clientId, refreshToken: issued.offline });
      return sendJson(res, 200, issue(issued.session, grant, client.clientId, issued.scope, issued.offline));
    }
    if (grantType === 'refresh_token') {
      const token = form.get('refresh_token') ?? '';
      const issued = refreshTokens.get(token);
      if (!issued) {
        const grant = rotated.get(token);
        if (grant) {
          // A rotated token used again: someone else may hold it. Revoke the grant's current refresh token.
          for (const [key, value] of refreshTokens) if (value.grant === grant) refreshTokens.delete(key);
          return refuse(400, 'invalid_grant', 'The refresh token was already used (rotated); the grant is revoked.');
        }
        return refuse(400, 'invalid_grant', 'Unknown or revoked refresh token.');
      }
      if (issued.clientId !== client.clientId) return refuse(400, 'invalid_grant', 'The refresh token was issued to another client.');
      refreshTokens.delete(token);
      rotated.set(token, issued.grant);
      prune(rotated, () => true);
      log(session, 'token-issued', { grantType, clientId: client.clientId, refreshToken: true });
      return sendJson(res, 200, issue(issued.session, issued.grant, client.clientId, issued.scope, true));
    }
    refuse(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }

  /**
   * @param {string} session
   * @param {string} grant
   * @param {string} clientId
   * @param {string} scope
   * @param {boolean} withRefreshToken
   */
  function issue(session, grant, clientId, scope, withRefreshToken) {
    const accessToken = `${ISSUED_TOKEN_PREFIX}${grant}~${++serial}`;
    accessTokens.set(accessToken, { session, grant, expiresAt: now(session) + accessTokenLifetimeS * 1000 });
    prune(accessTokens, (t) => t.expiresAt <= now(t.session));
    /** @type {Record<string, string | number>} */
    const answer = { access_token: accessToken, token_type: 'bearer', expires_in: accessTokenLifetimeS, scope };
    if (withRefreshToken) {
      const refreshToken = `mock-refresh-${randomId()}`;
      refreshTokens.set(refreshToken, { session, grant, clientId, scope });
      prune(refreshTokens, () => true);
      answer.refresh_token = refreshToken;
    }
    return answer;
  }

  /**
   * RFC 7009: the client's own refresh token is revoked; an unknown token is no error.
   * @param {Response} res
   * @param {URLSearchParams} form
   */
  function revocationRequest(res, form) {
    const client = clients.find((c) => c.clientId === form.get('client_id'));
    if (!client || !sameSecret(form.get('client_secret') ?? '', client.clientSecret)) {
      return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client or wrong client_secret.' });
    }
    const token = form.get('token') ?? '';
    if (refreshTokens.get(token)?.clientId === client.clientId) revoke({ refreshToken: token });
    res.writeHead(200, { 'cache-control': 'no-store' }).end();
  }

  /**
   * Revokes one refresh token, or every refresh token issued under a `{base}` session.
   * @param {{ refreshToken: string } | { session: string }} which
   * @returns {number} how many were revoked
   */
  function revoke(which) {
    let revoked = 0;
    for (const [key, value] of refreshTokens) {
      if ('refreshToken' in which ? key === which.refreshToken : value.session === which.session) {
        refreshTokens.delete(key);
        revoked += 1;
        log(value.session, 'refresh-token-revoked');
      }
    }
    return revoked;
  }

  /** @param {string} session @param {number} seconds */
  function advanceClock(session, seconds) {
    offsets.set(session, (offsets.get(session) ?? 0) + seconds * 1000);
  }

  /**
   * Whether the REST mock and the channel must refuse a token: one this server issued that has expired, or is
   * sent with another scheme than `bearer`. Tokens it did not issue are none of its business ('').
   * @param {string} token
   * @param {string} [scheme]  the Authorization scheme, when known
   * @returns {string} why it is refused, or ''
   */
  function refusal(token, scheme) {
    const issued = accessTokens.get(token);
    if (!issued) return '';
    if (issued.expiresAt <= now(issued.session)) return 'Token expired.';
    if (scheme !== undefined && scheme.toLowerCase() !== 'bearer') return 'An OAuth2 access token goes with the bearer scheme.';
    return '';
  }

  return {
    handle,
    refusal,
    revoke,
    advanceClock,
    now,
    /** @param {string} [session] */
    log: (session = '') => [...(logs.get(session) ?? [])],
    accessTokenLifetimeS,
  };
}

/** @param {string} url */
export function isLoopbackHttpUrl(url) {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && isLoopbackHost(hostname);
  } catch {
    return false;
  }
}

/** @param {string} hostname  as URL parses it (IPv6 in brackets) */
function isLoopbackHost(hostname) {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Keeps a map under MAX_ENTRIES: drops the entries `gone` says are stale, then the oldest.
 * @template V
 * @param {Map<string, V>} map
 * @param {(value: V) => boolean} gone
 */
function prune(map, gone) {
  if (map.size <= MAX_ENTRIES) return;
  for (const [key, value] of map) if (gone(value) && map.size > MAX_ENTRIES / 2) map.delete(key);
  for (const key of map.keys()) {
    if (map.size <= MAX_ENTRIES) break;
    map.delete(key);
  }
}

const randomId = () => randomBytes(24).toString('base64url');

/** @param {string} given @param {string} expected */
function sameSecret(given, expected) {
  const digest = (/** @type {string} */ text) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * A form body (or a JSON object of strings, for the test hooks) as URLSearchParams.
 * @param {Request} req
 * @returns {Promise<URLSearchParams>}
 */
async function readForm(req) {
  const body = await readBody(req, MAX_BODY);
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return new URLSearchParams(body);
  try {
    const parsed = JSON.parse(body);
    return new URLSearchParams(Object.entries(parsed && typeof parsed === 'object' ? parsed : {}).map(([k, v]) => [k, String(v)]));
  } catch {
    return new URLSearchParams();
  }
}

/**
 * @param {Response} res
 * @param {string} redirectUri
 * @param {Record<string, string | null>} params  null ones are left out
 */
function redirect(res, redirectUri, params) {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) target.searchParams.set(name, value);
  res.writeHead(302, { location: target.href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  res.end();
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A page with no script and no external resource, under a CSP that says so.
 * @param {Response} res
 * @param {number} status
 * @param {string} title
 * @param {string} bodyHtml  already escaped
 * @param {string} [formTarget]  where the page's form may lead (the redirect URI) besides itself
 */
function sendPage(res, status, title, bodyHtml, formTarget) {
  const formAction = ["'self'", ...(formTarget ? [new URL(formTarget).origin] : [])].join(' ');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${bodyHtml}</body></html>`,
  );
}

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
