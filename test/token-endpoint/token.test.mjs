// @ts-check
/**
 * GET /spaces/token: the access token for the session, refreshed (with rotation) when less than 60 s is left,
 * one refresh at a time per session, 401 `signed_out` when there is no session or the refresh is refused; and
 * CORS only for the configured origins.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hiddenFields, startServer } from './support.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
before(async () => {
  server = await startServer({ accounts: { accessTokenLifetimeS: 3599 } });
});
after(() => server.close());

/** The grants the endpoint asked for since `from`. @param {number} from */
const grantsSince = (from) => server.grants.slice(from).map((form) => form.get('grant_type'));

describe('GET /spaces/token', () => {
  it('answers the session’s access token as bearer with its remaining lifetime, never cached', async () => {
    const browser = server.browser();
    await browser.signIn();
    const answer = await browser.token();
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    const body = answer.json();
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'token_type']);
    assert.match(body.access_token, /^mock-oauth-/);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 3599);
    server.clock.advance(100);
    assert.equal((await browser.token()).json().expires_in, 3499);
  });

  it('answers 401 signed_out with where to sign in when there is no session', async () => {
    const answer = await server.browser().token();
    assert.equal(answer.status, 401);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.deepEqual(answer.json(), { error: 'signed_out', sign_in_url: `${server.base}/spaces/sign-in` });
    const forged = await server.browser().request('/spaces/token', { headers: { cookie: 'spaces_session=not-a-session' } });
    assert.equal(forged.status, 401);
    assert.match(forged.setCookies[0], /^spaces_session=; Path=\/; Max-Age=0/, 'a cookie that names no session is cleared');
  });

  it('keeps the token while more than 60 s is left, then refreshes it and keeps the rotated refresh token', async () => {
    const browser = server.browser();
    await browser.signIn();
    const first = (await browser.token()).json().access_token;
    const from = server.grants.length;

    server.clock.advance(3599 - 61);
    assert.equal((await browser.token()).json().access_token, first, '61 s left: no refresh');
    assert.deepEqual(grantsSince(from), []);

    server.clock.advance(2);
    const second = (await browser.token()).json();
    assert.notEqual(second.access_token, first, '59 s left: refreshed');
    assert.equal(second.expires_in, 3599);
    const [refresh] = server.grants.slice(from);
    assert.equal(refresh.get('grant_type'), 'refresh_token');
    assert.equal(refresh.get('client_id'), 'mock-client');
    assert.equal(refresh.get('client_secret'), 'mock-secret');

    // The next refresh uses the rotated token (the first one is refused by the accounts after use).
    server.clock.advance(3599 - 30);
    const third = (await browser.token()).json();
    assert.equal((await browser.token()).status, 200);
    assert.notEqual(third.access_token, second.access_token);
    const [, again] = server.grants.slice(from);
    assert.notEqual(again.get('refresh_token'), refresh.get('refresh_token'));
    assert.ok(server.refreshTokens.has(/** @type {string} */ (again.get('refresh_token'))));
  });

  it('refreshes once for many concurrent requests of one session', async () => {
    const browser = server.browser();
    await browser.signIn();
    server.clock.advance(3599 - 10);
    const from = server.grants.length;
    const answers = await Promise.all(Array.from({ length: 25 }, () => browser.token()));
    assert.deepEqual(grantsSince(from), ['refresh_token']);
    const tokens = new Set(answers.map((a) => a.json().access_token));
    assert.equal(tokens.size, 1);
    assert.ok(answers.every((a) => a.status === 200));
  });

  it('refreshes each session on its own', async () => {
    const alice = server.browser();
    const bob = server.browser();
    await alice.signIn();
    await bob.signIn();
    server.clock.advance(3599 - 10);
    const from = server.grants.length;
    const [a, b] = await Promise.all([alice.token(), bob.token()]);
    assert.deepEqual(grantsSince(from), ['refresh_token', 'refresh_token']);
    assert.notEqual(a.json().access_token, b.json().access_token);
  });

  it('when the refresh is refused (revoked refresh token): 401 signed_out, the session is dropped and its cookie cleared', async () => {
    const browser = server.browser();
    await browser.signIn();
    const id = browser.cookie('spaces_session')?.value;
    const refreshToken = [...server.refreshTokens].at(-1);
    const revoked = await fetch(`${server.base}/__accounts/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    assert.deepEqual(await revoked.json(), { revoked: 1 });
    assert.equal((await browser.token()).status, 200, 'the access token still has time');

    server.clock.advance(3599 - 30);
    const answer = await browser.token();
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.json(), { error: 'signed_out', sign_in_url: `${server.base}/spaces/sign-in` });
    assert.match(answer.setCookies[0], /^spaces_session=; Path=\/; Max-Age=0/);
    assert.ok(server.logLines.some((line) => /refresh refused \(status 400, invalid_grant\); session ended/.test(line)));

    // Dropped: even with the old cookie, no refresh is tried again.
    const from = server.grants.length;
    const replay = await server.browser().request('/spaces/token', { headers: { cookie: `spaces_session=${id}` } });
    assert.equal(replay.status, 401);
    assert.deepEqual(grantsSince(from), []);
  });

  it('signs out when the access token expires and the accounts gave no refresh token', async () => {
    const noRefresh = await startServer({ accounts: { accessTokenLifetimeS: 100 } });
    try {
      const browser = noRefresh.browser();
      const start = await browser.request('/spaces/sign-in');
      const authorize = new URL(/** @type {string} */ (start.location));
      authorize.searchParams.delete('access_type');
      const consent = await browser.request(authorize.href);
      const decided = await browser.request(authorize.href, { method: 'POST', form: { ...hiddenFields(consent.text), decision: 'accept' } });
      await browser.request(/** @type {string} */ (decided.location));
      assert.equal((await browser.token()).status, 200);
      noRefresh.clock.advance(50);
      assert.equal((await browser.token()).status, 401);
    } finally {
      await noRefresh.close();
    }
  });

  it('when the accounts cannot be reached: the current token while it lasts, then 503 temporarily_unavailable; the session is kept', async () => {
    let down = false;
    /** @type {typeof fetch} */
    const flaky = (input, init) => (down ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
    const flakyServer = await startServer({ fetch: flaky });
    try {
      const browser = flakyServer.browser();
      await browser.signIn();
      const first = (await browser.token()).json().access_token;
      flakyServer.clock.advance(3599 - 10);
      down = true;
      const last = await browser.token();
      assert.equal(last.status, 200);
      assert.deepEqual(last.json(), { access_token: first, token_type: 'bearer', expires_in: 10 });
      flakyServer.clock.advance(10);
      const answer = await browser.token();
      assert.equal(answer.status, 503);
      assert.deepEqual(answer.json(), { error: 'temporarily_unavailable' });
      assert.equal(answer.headers.get('retry-after'), '5');
      assert.ok(flakyServer.logLines.some((line) => /refresh failed for now \(status 0, network\); session kept/.test(line)));
      down = false;
      const back = await browser.token();
      assert.equal(back.status, 200);
      assert.notEqual(back.json().access_token, first);
    } finally {
      await flakyServer.close();
    }
  });

  it('ends the session sessionTtlS after sign-in, refreshes or not', async () => {
    const short = await startServer({ config: { sessionTtlS: 7200 } });
    try {
      const browser = short.browser();
      const { callback } = await browser.signIn();
      assert.match(callback?.setCookies.join('\n') ?? '', /spaces_session=[\w-]{43}; Path=\/; Max-Age=7200;/);
      short.clock.advance(3599 - 30);
      assert.equal((await browser.token()).status, 200, 'refreshed');
      short.clock.advance(7200 - 3599 + 30);
      assert.equal((await browser.token()).status, 401);
    } finally {
      await short.close();
    }
  });

  it('is GET only', async () => {
    const answer = await server.browser().request('/spaces/token', { method: 'POST' });
    assert.equal(answer.status, 405);
  });
});

describe('CORS', () => {
  it('none by default: no Access-Control header, even for an Origin', async () => {
    const browser = server.browser({ origin: 'https://crm.example.com' });
    await browser.signIn();
    for (const answer of [await browser.token(), await browser.request('/spaces/token', { method: 'OPTIONS' })]) {
      const names = [...answer.headers.keys()].filter((name) => name.startsWith('access-control-'));
      assert.deepEqual(names, []);
    }
  });

  it('with an allow-list: echoes only a listed Origin, with credentials and Vary: Origin, never *', async () => {
    const cors = await startServer({ config: { allowedOrigins: ['https://crm.example.com', 'http://localhost:8080'] } });
    try {
      const listed = cors.browser({ origin: 'https://crm.example.com' });
      await listed.signIn();
      const ok = await listed.token();
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://crm.example.com');
      assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');
      assert.equal(ok.headers.get('vary'), 'Origin');

      const other = await cors.browser({ origin: 'https://evil.example' }).token();
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      assert.equal(other.headers.get('access-control-allow-credentials'), null);
      assert.equal(other.headers.get('vary'), 'Origin');

      const preflight = await cors.browser({ origin: 'http://localhost:8080' }).request('/spaces/sign-out', {
        method: 'OPTIONS',
        headers: { 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:8080');
      assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
      assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

      const refused = await cors.browser({ origin: 'https://evil.example' }).request('/spaces/token', { method: 'OPTIONS' });
      assert.equal(refused.headers.get('access-control-allow-origin'), null);

      const signOut = await listed.request('/spaces/sign-out', { method: 'POST' });
      assert.equal(signOut.headers.get('access-control-allow-origin'), 'https://crm.example.com');

      for (const seen of [...listed.seen, ...cors.browser().seen]) {
        assert.ok(!seen.headers.some(([name, value]) => name === 'access-control-allow-origin' && value === '*'));
      }
    } finally {
      await cors.close();
    }
  });
});
