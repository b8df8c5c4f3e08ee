// @ts-check
/**
 * The reference endpoint as `npm start` and the browser tests mount it (demo/token-endpoint/mock-mount.mjs):
 * configured by paths against the mock accounts on the same origin, at `/spaces/*`, and one per test session at
 * `/mock/<session>/spaces/*` with its own cookie, store and clock, so that a browser test starts signed out and
 * can expire, refresh and revoke without waiting.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { mountTokenEndpointOnMock } from '../../demo/token-endpoint/mock-mount.mjs';
import { Browser, placeCall } from './support.mjs';

/**
 * @param {Parameters<typeof createMockSpacesApi>[0]} apiOptions
 */
async function start(apiOptions) {
  const api = createMockSpacesApi(apiOptions);
  const endpoints = mountTokenEndpointOnMock(api.accounts);
  const http = createServer((req, res) => {
    if (!api.handle(req, res) && !endpoints.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`;
  return {
    base,
    close: async () => {
      api.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/** @type {Awaited<ReturnType<typeof start>>} */
let server;
before(async () => {
  // As web-test-runner.config.mjs does.
  server = await start({ accounts: { accessTokenLifetimeS: 90, allowLoopbackRedirectUris: true } });
});
after(() => server.close());

/** @param {string} path @param {unknown} [body] */
const post = (path, body = {}) =>
  fetch(`${server.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

describe('the endpoint mounted on the mock', () => {
  it('/spaces/*: signs in against the same origin’s /oauth2/* with redirect URI {origin}/spaces/callback', async () => {
    const browser = new Browser(server.base);
    assert.deepEqual((await browser.token()).json(), { error: 'signed_out', sign_in_url: '/spaces/sign-in' });
    const { authorize, callback } = await browser.signIn();
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${server.base}/oauth2/authorize`);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${server.base}/spaces/callback`);
    assert.equal(callback?.status, 302);
    assert.equal(callback?.location, '/spaces/signed-in');
    const answer = (await browser.token()).json();
    assert.ok(answer.expires_in === 90 || answer.expires_in === 89, 'a 90 s token, on the real clock');
    assert.equal((await placeCall(server.base, answer.access_token)).status, 200);
  });

  it('/mock/<session>/spaces/*: its own accounts path, cookie and sign-in URL; other sessions stay signed out', async () => {
    const browser = new Browser(server.base);
    const { authorize, callback } = await browser.signIn({ signInPath: '/mock/mount-a/spaces/sign-in' });
    assert.equal(authorize.pathname, '/mock/mount-a/oauth2/authorize');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${server.base}/mock/mount-a/spaces/callback`);
    assert.match(callback?.setCookies.join('\n') ?? '', /spaces_session_mount-a=[\w-]{43}; Path=\/mock\/mount-a\/spaces; Max-Age=\d+; HttpOnly; SameSite=Lax\n/);
    assert.equal((await browser.token('/mock/mount-a/spaces/token')).status, 200);
    const other = await browser.token('/mock/mount-b/spaces/token');
    assert.deepEqual(other.json(), { error: 'signed_out', sign_in_url: '/mock/mount-b/spaces/sign-in' });
    assert.equal((await browser.token('/spaces/token')).status, 401);
  });

  it('the session’s clock hook expires its token at the REST mock, and the endpoint refreshes it with no user action', async () => {
    const browser = new Browser(server.base);
    await browser.signIn({ signInPath: '/mock/mount-c/spaces/sign-in' });
    const first = (await browser.token('/mock/mount-c/spaces/token')).json().access_token;
    assert.deepEqual(await post('/mock/mount-c/__accounts/clock', { advanceS: 90 }), { offsetS: 90 });
    assert.equal((await placeCall(server.base, first)).status, 401, 'expired');
    const second = (await browser.token('/mock/mount-c/spaces/token')).json();
    assert.notEqual(second.access_token, first);
    assert.ok(second.expires_in >= 89);
    assert.equal((await placeCall(server.base, second.access_token)).status, 200);
    const log = await (await fetch(`${server.base}/mock/mount-c/__accounts`)).json();
    assert.deepEqual(
      log.filter((/** @type {any} */ e) => e.type === 'token-issued').map((/** @type {any} */ e) => e.grantType),
      ['authorization_code', 'refresh_token'],
    );
  });

  it('the session’s revoke hook: after expiry the endpoint answers signed_out', async () => {
    const browser = new Browser(server.base);
    await browser.signIn({ signInPath: '/mock/mount-d/spaces/sign-in' });
    assert.deepEqual(await post('/mock/mount-d/__accounts/revoke'), { revoked: 1 });
    assert.equal((await browser.token('/mock/mount-d/spaces/token')).status, 200, 'still valid for a while');
    await post('/mock/mount-d/__accounts/clock', { advanceS: 31 });
    const answer = await browser.token('/mock/mount-d/spaces/token');
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.json(), { error: 'signed_out', sign_in_url: '/mock/mount-d/spaces/sign-in' });
  });

  it('GET {…}/spaces/__log counts the requests the endpoint answered', async () => {
    const browser = new Browser(server.base);
    await browser.signIn({ signInPath: '/mock/mount-e/spaces/sign-in' });
    await Promise.all([browser.token('/mock/mount-e/spaces/token'), browser.token('/mock/mount-e/spaces/token')]);
    const log = await (await fetch(`${server.base}/mock/mount-e/spaces/__log`)).json();
    assert.deepEqual(
      log.map((/** @type {any} */ e) => `${e.method} ${e.path} ${e.status}`),
      ['GET /mock/mount-e/spaces/sign-in 302', 'GET /mock/mount-e/spaces/callback 302', 'GET /mock/mount-e/spaces/token 200', 'GET /mock/mount-e/spaces/token 200'],
    );
    await fetch(`${server.base}/mock/mount-e/spaces/__log`, { method: 'DELETE' });
    assert.deepEqual(await (await fetch(`${server.base}/mock/mount-e/spaces/__log`)).json(), []);
  });

  it('as npm start mounts it: only the demo’s registered redirect URIs, with a page that says which', async () => {
    const demo = await start({});
    try {
      const { consent } = await new Browser(demo.base).signIn();
      assert.equal(consent.status, 400);
      assert.match(consent.text, /is not registered for mock-client\. Registered: http:\/\/localhost:5173\/spaces\/callback, http:\/\/127\.0\.0\.1:5173\/spaces\/callback\./);
    } finally {
      await demo.close();
    }
  });
});
