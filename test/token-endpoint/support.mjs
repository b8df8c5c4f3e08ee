// @ts-check
/**
 * What the token endpoint tests share: one plain HTTP server with the mock Spaces API (and so the mock Avaya
 * Cloud Identity) and a reference token endpoint configured against it, a fake clock for both, a spy on what
 * the endpoint receives from the accounts (to know every refresh token issued), and a small cookie-keeping
 * "browser" that records every response it sees.
 */
import { createServer } from 'node:http';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from '../../demo/mock-accounts.js';
import { createTokenEndpoint } from '../../src/token-endpoint/token-endpoint.js';

/**
 * @typedef {{ url: string, method: string, status: number, headers: [string, string][], body: string }} Seen
 * @typedef {{ status: number, headers: Headers, text: string, location: string | null, setCookies: string[], json(): any }} Answer
 */

/** A clock the tests move by hand. */
export function fakeClock(start = Date.UTC(2030, 0, 1)) {
  let t = start;
  return {
    now: () => t,
    /** @param {number} seconds */
    advance: (seconds) => void (t += seconds * 1000),
  };
}

/**
 * Starts the server. The endpoint gets absolute URLs on 127.0.0.1 unless `config` says otherwise.
 * @param {{
 *   config?: Partial<import('../../src/token-endpoint/config.js').TokenEndpointConfig>,
 *   accounts?: Parameters<typeof import('../../demo/mock-accounts.js').createMockAccounts>[0],
 *   clock?: ReturnType<typeof fakeClock>,
 *   fetch?: typeof globalThis.fetch,
 *   sessionStore?: import('../../src/token-endpoint/session-store.js').SessionStore,
 * }} [options]
 */
export async function startServer({ config = {}, accounts = {}, clock = fakeClock(), fetch: baseFetch = globalThis.fetch, sessionStore } = {}) {
  const api = createMockSpacesApi({ accounts: { allowLoopbackRedirectUris: true, now: clock.now, ...accounts } });
  /** @type {ReturnType<typeof createTokenEndpoint> | undefined} */
  let endpoint;
  const server = createServer((req, res) => {
    if (api.handle(req, res) || endpoint?.handle(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;

  /** Every refresh token the accounts gave the endpoint, and every request the endpoint made to them. */
  const refreshTokens = new Set();
  /** @type {URLSearchParams[]} */
  const grants = [];
  /** @type {typeof globalThis.fetch} */
  const spyFetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    // A non-loopback test redirect URI (Secure cookies) still reaches this server.
    const local = new URL(`${url.pathname}${url.search}`, base);
    if (init?.body instanceof URLSearchParams) grants.push(new URLSearchParams(init.body));
    const response = await baseFetch(local, init);
    const copy = response.clone();
    const json = await copy.json().catch(() => undefined);
    if (typeof json?.refresh_token === 'string') refreshTokens.add(json.refresh_token);
    return response;
  };
  /** @type {string[]} */
  const logLines = [];
  endpoint = createTokenEndpoint(
    {
      clientId: MOCK_CLIENT_ID,
      clientSecret: MOCK_CLIENT_SECRET,
      redirectUri: `${base}/spaces/callback`,
      accountsUrl: base,
      revocationUrl: `${base}/oauth2/revoke`,
      ...config,
    },
    { now: clock.now, fetch: spyFetch, log: (line) => logLines.push(line), ...(sessionStore ? { sessionStore } : {}) },
  );

  return {
    base,
    api,
    clock,
    endpoint,
    refreshTokens,
    grants,
    logLines,
    spyFetch,
    /** A new browser (its own cookies) on this server. @param {Record<string, string>} [headers] */
    browser: (headers) => new Browser(base, headers),
    close: async () => {
      api.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Keeps cookies (by name and path), never follows redirects by itself, records every answer. */
export class Browser {
  /**
   * @param {string} base
   * @param {Record<string, string>} [headers]  sent with every request (an Origin, say)
   */
  constructor(base, headers = {}) {
    this.base = base;
    this.headers = headers;
    /** @type {Map<string, { name: string, value: string, path: string, attributes: string }>} */
    this.cookies = new Map();
    /** @type {Seen[]} */
    this.seen = [];
  }

  /**
   * @param {string} url
   * @param {{ method?: string, headers?: Record<string, string>, form?: Record<string, string> }} [options]
   * @returns {Promise<Answer>}
   */
  async request(url, { method = 'GET', headers = {}, form } = {}) {
    const target = new URL(url, this.base);
    const cookie = [...this.cookies.values()]
      .filter((c) => target.pathname.startsWith(c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const response = await fetch(target, {
      method,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...headers,
        ...(cookie ? { cookie } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const path = /^path=(.*)$/i.exec(attributes.find((a) => /^path=/i.test(a)) ?? '')?.[1] ?? '/';
      const key = `${name} ${path}`;
      if (attributes.some((a) => /^max-age=0$/i.test(a))) this.cookies.delete(key);
      else this.cookies.set(key, { name, value: pair.slice(at + 1), path, attributes: attributes.join('; ') });
    }
    const text = await response.text();
    this.seen.push({ url: target.href, method, status: response.status, headers: [...response.headers], body: text });
    return {
      status: response.status,
      headers: response.headers,
      text,
      location: response.headers.get('location'),
      setCookies,
      json: () => JSON.parse(text),
    };
  }

  /** @param {string} name */
  cookie(name) {
    return [...this.cookies.values()].find((c) => c.name === name);
  }

  /** GET /spaces/token. @param {string} [path] */
  token(path = '/spaces/token') {
    return this.request(path, { headers: { accept: 'application/json' } });
  }

  /**
   * The whole sign-in as a user does it: the endpoint's sign-in, the consent page, Accept (or Deny), the callback.
   * @param {{ decision?: 'accept' | 'deny', signInPath?: string, editAuthorize?: (url: URL) => void }} [options]
   *   editAuthorize: changes the authorize URL before the "browser" opens it (a tampered request)
   */
  async signIn({ decision = 'accept', signInPath = '/spaces/sign-in', editAuthorize } = {}) {
    const start = await this.request(signInPath);
    if (start.status !== 302 || !start.location) throw new Error(`sign-in answered ${start.status}`);
    const authorize = new URL(start.location, this.base);
    editAuthorize?.(authorize);
    const consent = await this.request(authorize.href);
    if (consent.status !== 200) return { start, authorize, consent };
    const decided = await this.request(authorize.href, { method: 'POST', form: { ...hiddenFields(consent.text), decision } });
    if (decided.status !== 302 || !decided.location) return { start, authorize, consent, decided };
    const callbackUrl = new URL(decided.location, this.base);
    const callback = await this.request(callbackUrl.href);
    return { start, authorize, consent, decided, callbackUrl, callback };
  }
}

/**
 * The consent page's hidden form fields.
 * @param {string} html
 */
export function hiddenFields(html) {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[name] = value.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  }
  return fields;
}

/**
 * Places a call at the REST mock as the button would.
 * @param {string} base
 * @param {string} token
 * @param {string} [scheme]
 */
export function placeCall(base, token, scheme = 'bearer') {
  return fetch(`${base}/api/spacescalling/aura/call`, {
    method: 'POST',
    headers: { authorization: `${scheme} ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callees: [{ address: '+442079461234', displayname: '' }] }),
  });
}

/**
 * A `fetch` for the endpoint that lets the first refresh reach the accounts (which rotate the refresh token) but
 * holds its answer until the test calls `release()`: what happens meanwhile happens while a refresh is in flight.
 */
export function holdFirstRefreshAnswer() {
  let release = () => {};
  let arrive = () => {};
  const released = new Promise((resolve) => (release = () => resolve(undefined)));
  /** Resolves once the answer is held. */
  const reached = new Promise((resolve) => (arrive = () => resolve(undefined)));
  let held = false;
  /** @type {typeof globalThis.fetch} */
  const gated = async (input, init) => {
    const response = await fetch(input, init);
    if (!held && init?.body instanceof URLSearchParams && init.body.get('grant_type') === 'refresh_token') {
      held = true;
      arrive();
      await released;
    }
    return response;
  };
  return { fetch: gated, reached, release };
}
