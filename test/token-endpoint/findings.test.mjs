// @ts-check
/**
 * The token endpoint as an attacker and an operator tried it: one test per finding of the review (findings 4–12;
 * 1–3 are the button's), each named after it.
 */
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from '../../demo/mock-accounts.js';
import { createMemorySessionStore } from '../../src/token-endpoint/session-store.js';
import { createTokenEndpoint } from '../../src/token-endpoint/token-endpoint.js';
import { sameOriginPath } from '../../src/token-endpoint/urls.js';
import { fakeClock, hiddenFields, holdFirstRefreshAnswer, startServer } from './support.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
before(async () => {
  server = await startServer({ accounts: { accessTokenLifetimeS: 3599 } });
});
after(() => server.close());

const ESCAPES = ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/a/..//evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/'];

describe('finding 4: open redirect through return_to', () => {
  it('refuses every return_to that normalizes to another host, at sign-in', async () => {
    for (const returnTo of ESCAPES) {
      assert.equal(sameOriginPath(returnTo), undefined, returnTo);
      const answer = await server.browser().request(`/spaces/sign-in?return_to=${encodeURIComponent(returnTo)}`);
      assert.equal(answer.status, 400, returnTo);
      assert.equal(answer.location, null, returnTo);
    }
    assert.equal(sameOriginPath('/a/../crm/contacts?id=7#top'), '/crm/contacts?id=7#top');
  });

  it('never redirects a sign-out elsewhere', async () => {
    for (const returnTo of ESCAPES) {
      const answer = await server.browser().request(`/spaces/sign-out?return_to=${encodeURIComponent(returnTo)}`, { method: 'POST' });
      assert.equal(answer.status, 204, returnTo);
      assert.equal(answer.location, null, returnTo);
    }
  });
});

describe('finding 5: sign-ins evicting sessions', () => {
  it('keeps every session however many sign-ins are started (they are kept in their own cookie, not the store)', async () => {
    const store = createMemorySessionStore({ now: server.clock.now, maxEntries: 3 });
    const small = await startServer({ accounts: { accessTokenLifetimeS: 3599 }, sessionStore: store, clock: server.clock });
    try {
      const user = small.browser();
      await user.signIn();
      for (let i = 0; i < 50; i++) assert.equal((await small.browser().request('/spaces/sign-in')).status, 302);
      assert.equal(store.size, 1);
      assert.equal((await user.token()).status, 200);
    } finally {
      await small.close();
    }
  });
});

describe('finding 6: several instances refreshing with one refresh token', () => {
  it('two instances over one store refresh once for many concurrent requests', async () => {
    const clock = fakeClock();
    const store = createMemorySessionStore({ now: clock.now });
    const first = await startServer({ accounts: { accessTokenLifetimeS: 3599 }, sessionStore: store, clock });
    try {
      // The second instance: its own process state (refresh map), the same store, configuration and accounts.
      const second = createTokenEndpoint(
        { clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, redirectUri: `${first.base}/spaces/callback`, accountsUrl: first.base },
        { now: clock.now, sessionStore: store, fetch: first.spyFetch },
      );
      const browser = first.browser();
      await browser.signIn();
      const cookie = `spaces_session=${browser.cookie('spaces_session')?.value}`;
      clock.advance(3599 - 30);
      const before = first.grants.length;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? browser.token().then((a) => ({ status: a.status, token: a.json().access_token }))
            : second
                .fetch(new Request(`${first.base}/spaces/token`, { headers: { cookie } }))
                .then(async (a) => ({ status: a?.status, token: (await a?.json()).access_token })),
        ),
      );
      assert.deepEqual(first.grants.slice(before).map((form) => form.get('grant_type')), ['refresh_token'], 'one refresh');
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
      assert.equal(new Set(answers.map((a) => a.token)).size, 1, 'every answer has the new token');
      assert.equal((await browser.token()).status, 200, 'the session survives');
    } finally {
      await first.close();
    }
  });
});

describe('finding 7: sign-out that does not end access', () => {
  it('revokes the refresh token at the accounts', async () => {
    const browser = server.browser();
    const from = server.refreshTokens.size;
    await browser.signIn();
    const [refreshToken] = [...server.refreshTokens].slice(from);
    assert.equal((await browser.request('/spaces/sign-out', { method: 'POST' })).status, 204);
    const reuse = await fetch(`${server.base}/oauth2/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET }),
    });
    assert.equal(reuse.status, 400);
    assert.equal((await reuse.json()).error, 'invalid_grant');
    assert.ok(server.logLines.includes('sign-out: refresh token revoked'));
  });

  it('says in the log that it did not revoke when no revocation endpoint is configured', async () => {
    const bare = await startServer({ config: { revocationUrl: undefined } });
    try {
      const browser = bare.browser();
      await browser.signIn();
      assert.equal((await browser.request('/spaces/sign-out', { method: 'POST' })).status, 204);
      assert.ok(bare.logLines.includes('sign-out: refresh token not revoked (no revocationUrl configured)'));
    } finally {
      await bare.close();
    }
  });

  it('a refresh in flight cannot bring back a session that signed out, and its new refresh token is revoked', async () => {
    const hold = holdFirstRefreshAnswer();
    const clock = fakeClock();
    const gatedServer = await startServer({ accounts: { accessTokenLifetimeS: 3599 }, fetch: hold.fetch, clock });
    try {
      const browser = gatedServer.browser();
      await browser.signIn();
      clock.advance(3599 - 30);
      const refreshing = browser.token();
      await hold.reached; // the accounts have rotated the refresh token; the endpoint has not seen the answer yet
      assert.equal((await browser.request('/spaces/sign-out', { method: 'POST' })).status, 204);
      hold.release();
      const answer = await refreshing;
      assert.equal(answer.status, 401, 'the refresh that finished after sign-out does not answer a token');
      const issued = [...gatedServer.refreshTokens].at(-1);
      const reuse = await fetch(`${gatedServer.base}/oauth2/access_token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: issued ?? '', client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET }),
      });
      assert.equal(reuse.status, 400, 'the refresh token it got was revoked');
      assert.ok(gatedServer.logLines.includes('token: refresh after sign-out, refresh token revoked'));
    } finally {
      await gatedServer.close();
    }
  });
});

describe('finding 8: cookies a sibling subdomain or plain http could plant', () => {
  it('over https every cookie is __Host- (Secure, Path=/), and a bare cookie of the same name is ignored', async () => {
    const redirectUri = 'https://crm.example.com/spaces/callback';
    const secure = await startServer({
      config: { redirectUri },
      accounts: { clients: [{ clientId: MOCK_CLIENT_ID, clientSecret: MOCK_CLIENT_SECRET, redirectUris: [redirectUri] }] },
    });
    try {
      const browser = secure.browser();
      const start = await browser.request('/spaces/sign-in');
      assert.match(start.setCookies[0], /^__Host-spaces_session_sign_in_[\w-]{16}=[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
      const authorize = new URL(/** @type {string} */ (start.location));
      const consent = await browser.request(authorize.href.replace(authorize.origin, secure.base));
      const decided = await browser.request(authorize.href.replace(authorize.origin, secure.base), { method: 'POST', form: { ...hiddenFields(consent.text), decision: 'accept' } });
      const back = new URL(/** @type {string} */ (decided.location));
      const callback = await browser.request(`${back.pathname}${back.search}`);
      assert.equal(callback.status, 302);
      const session = browser.cookie('__Host-spaces_session');
      assert.match(callback.setCookies[0], /^__Host-spaces_session=[\w-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure$/);
      const planted = await secure.browser().request('/spaces/token', { headers: { cookie: `spaces_session=${session?.value}` } });
      assert.equal(planted.status, 401, 'a cookie without the prefix is not the session');
      assert.equal((await browser.token()).status, 200);
    } finally {
      await secure.close();
    }
  });

  it('refuses a cookie path other than / over https', () => {
    assert.throws(
      () => createTokenEndpoint({ clientId: 'c', clientSecret: 's', redirectUri: 'https://crm.example.com/spaces/callback', cookiePath: '/spaces' }),
      /cookiePath must be \/ over https/,
    );
  });
});

describe('finding 9: sign-out and token without a CSRF check', () => {
  it('refuses a cross-site sign-out (Origin, or Sec-Fetch-Site without Origin) and keeps the session', async () => {
    const browser = server.browser();
    await browser.signIn();
    /** @type {Record<string, string>[]} */
    const crossSite = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of crossSite) {
      const answer = await browser.request('/spaces/sign-out', { method: 'POST', headers });
      assert.equal(answer.status, 403, JSON.stringify(headers));
      assert.deepEqual(answer.json(), { error: 'cross_site_request' });
      assert.equal((await browser.token()).status, 200, 'still signed in');
    }
    assert.equal((await browser.request('/spaces/token', { headers: { origin: 'https://evil.example' } })).status, 403, 'the token route too');
    assert.equal((await browser.request('/spaces/sign-out', { method: 'POST', headers: { origin: server.base, 'sec-fetch-site': 'same-origin' } })).status, 204);
  });

  it('accepts an allowed origin', async () => {
    const allowed = await startServer({ config: { allowedOrigins: ['https://crm.example.com'] } });
    try {
      const browser = allowed.browser({ origin: 'https://crm.example.com' });
      await browser.signIn();
      assert.equal((await browser.token()).status, 200);
      assert.equal((await browser.request('/spaces/sign-out', { method: 'POST' })).status, 204);
    } finally {
      await allowed.close();
    }
  });
});

describe('finding 10: the Host header deciding where the client secret goes', () => {
  it('refuses a path-only redirectUri, accountsUrl or revocationUrl unless dev is set', () => {
    const base = { clientId: 'c', clientSecret: 's', redirectUri: 'https://crm.example.com/spaces/callback' };
    assert.throws(() => createTokenEndpoint({ ...base, redirectUri: '/spaces/callback' }), /redirectUri must be an absolute URL/);
    assert.throws(() => createTokenEndpoint({ ...base, accountsUrl: '/' }), /accountsUrl must be an absolute URL/);
    assert.throws(() => createTokenEndpoint({ ...base, revocationUrl: '/oauth2/revoke' }), /revocationUrl must be an absolute URL/);
    assert.doesNotThrow(() => createTokenEndpoint({ ...base, redirectUri: '/spaces/callback', accountsUrl: '/', dev: true }));
  });

  it('sends the browser (and so the code) to the configured accounts and redirect URI whatever the Host header says', async () => {
    const location = await new Promise((resolve, reject) => {
      const url = new URL('/spaces/sign-in', server.base);
      get({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.headers.location);
      }).on('error', reject);
    });
    const authorize = new URL(String(location));
    assert.equal(authorize.origin, server.base);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${server.base}/spaces/callback`);
  });
});

describe('finding 11: sessions without an idle timeout', () => {
  it('ends a session after 8 hours without a token request, and after 7 days whatever happens', async () => {
    const idle = server.browser();
    await idle.signIn();
    server.clock.advance(8 * 3600 + 1);
    assert.equal((await idle.token()).status, 401, 'idle for 8 hours');

    const busy = server.browser();
    await busy.signIn();
    for (let hours = 0; hours < 7 * 24 - 7; hours += 7) {
      server.clock.advance(7 * 3600);
      assert.equal((await busy.token()).status, 200, `used every 7 hours: alive after ${hours + 7} h`);
    }
    server.clock.advance(7 * 3600);
    assert.equal((await busy.token()).status, 401, '7 days after sign-in');
  });
});

describe('finding 12: the smaller ones', () => {
  it('sign-ins started in two tabs both complete', async () => {
    const browser = server.browser();
    const first = await browser.request('/spaces/sign-in');
    const second = await browser.request('/spaces/sign-in');
    for (const start of [first, second]) {
      const authorize = new URL(/** @type {string} */ (start.location));
      const consent = await browser.request(authorize.href);
      const decided = await browser.request(authorize.href, { method: 'POST', form: { ...hiddenFields(consent.text), decision: 'accept' } });
      const callback = await browser.request(/** @type {string} */ (decided.location));
      assert.equal(callback.status, 302, 'signed in');
      assert.equal((await browser.token()).status, 200);
    }
  });

  it('every answer carries X-Content-Type-Options: nosniff', async () => {
    const browser = server.browser();
    const { start, callback } = await browser.signIn();
    const answers = [start, callback, await browser.token(), await server.browser().token(), await browser.request('/spaces/signed-in'), await browser.request('/spaces/sign-out', { method: 'POST' })];
    for (const answer of answers) assert.equal(answer?.headers.get('x-content-type-options'), 'nosniff');
  });

  it('the “Signed in” page is reached by a redirect: the code leaves the address bar and the history', async () => {
    const { callback, callbackUrl } = await server.browser().signIn();
    assert.ok(callbackUrl?.searchParams.get('code'));
    assert.equal(callback?.status, 302);
    assert.equal(callback?.location, '/spaces/signed-in');
  });
});
