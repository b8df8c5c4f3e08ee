// @ts-check
/**
 * The mock Avaya Cloud Identity (demo/mock-accounts.js) on its own, as a token endpoint talks to it: the
 * authorization-code grant with its checks (client, secret, redirect URI, PKCE, single use), the refresh-token
 * grant with rotation, and its access tokens at the REST mock and the channel: accepted as bearer until they
 * expire, then refused. And the test hooks: revoke, clock, log.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
// @ts-ignore socket.io-client@2 ships no types
import io from 'socket.io-client';
import { createMockSpacesApi, EXPIRED_TOKEN } from '../../demo/mock-spaces-api.js';
import { hiddenFields, placeCall, startServer } from './support.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
before(async () => {
  server = await startServer({ accounts: { accessTokenLifetimeS: 120 } });
});
after(() => server.close());

const verifier = () => randomBytes(32).toString('base64url');
const challengeOf = (/** @type {string} */ v) => createHash('sha256').update(v).digest('base64url');
const redirectUri = () => `${server.base}/app/callback`;

/**
 * Authorizes as a user clicking Accept (or Deny), and returns where the accounts redirect.
 * @param {{ challenge?: string, offline?: boolean, decision?: 'accept' | 'deny', prefix?: string }} [options]
 */
async function authorize({ challenge, offline = true, decision = 'accept', prefix = '' } = {}) {
  const url = new URL(`${server.base}${prefix}/oauth2/authorize`);
  url.search = new URLSearchParams({
    client_id: 'mock-client',
    redirect_uri: redirectUri(),
    scope: 'email profile spaces',
    response_type: 'code',
    state: 'the-state',
    ...(offline ? { access_type: 'offline' } : {}),
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  }).toString();
  const browser = server.browser();
  const consent = await browser.request(url.href);
  assert.equal(consent.status, 200, consent.text);
  const decided = await browser.request(url.href, { method: 'POST', form: { ...hiddenFields(consent.text), decision } });
  assert.equal(decided.status, 302);
  return new URL(/** @type {string} */ (decided.location));
}

/**
 * @param {Record<string, string>} form
 * @param {string} [prefix]
 */
async function tokenRequest(form, prefix = '') {
  const answer = await fetch(`${server.base}${prefix}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'mock-client', client_secret: 'mock-secret', ...form }),
  });
  return { status: answer.status, body: /** @type {any} */ (await answer.json()) };
}

/** @param {URL} back @param {string} codeVerifier @param {string} [prefix] */
const exchange = (back, codeVerifier, prefix = '') =>
  tokenRequest({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: redirectUri(), code_verifier: codeVerifier }, prefix);

/** Signs in through consent and the code exchange at `{base}{prefix}`: the token answer. @param {string} [prefix] */
async function signedIn(prefix = '') {
  const v = verifier();
  return (await exchange(await authorize({ challenge: challengeOf(v), prefix }), v, prefix)).body;
}

describe('the authorization-code grant', () => {
  it('Accept redirects back with a code and the state; the code buys a bearer token and a refresh token', async () => {
    const v = verifier();
    const back = await authorize({ challenge: challengeOf(v) });
    assert.equal(`${back.origin}${back.pathname}`, redirectUri());
    assert.equal(back.searchParams.get('state'), 'the-state');
    const { status, body } = await exchange(back, v);
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 120);
    assert.equal(body.scope, 'email profile spaces');
  });

  it('Deny redirects back with error=access_denied and the state, and no code', async () => {
    const back = await authorize({ decision: 'deny' });
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'the-state');
    assert.equal(back.searchParams.get('code'), null);
  });

  it('refuses a code_verifier whose S256 is not the code_challenge (PKCE mismatch)', async () => {
    const back = await authorize({ challenge: challengeOf(verifier()) });
    const { status, body } = await exchange(back, verifier());
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
    assert.match(body.error_description, /PKCE/);
    assert.equal(body.access_token, undefined);
  });

  it('refuses a missing code_verifier when the code had a challenge', async () => {
    const back = await authorize({ challenge: challengeOf(verifier()) });
    const { status, body } = await tokenRequest({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: redirectUri() });
    assert.equal(status, 400);
    assert.match(body.error_description, /code_verifier is missing/);
  });

  it('takes a code once only (and not after a failed attempt either)', async () => {
    const v = verifier();
    const back = await authorize({ challenge: challengeOf(v) });
    assert.equal((await exchange(back, v)).status, 200);
    assert.equal((await exchange(back, v)).body.error, 'invalid_grant');

    const other = await authorize({ challenge: challengeOf(v) });
    assert.equal((await exchange(other, verifier())).status, 400);
    assert.equal((await exchange(other, v)).status, 400, 'a failed exchange used the code up');
  });

  it('refuses a code older than a minute', async () => {
    const v = verifier();
    const back = await authorize({ challenge: challengeOf(v) });
    server.clock.advance(61);
    assert.equal((await exchange(back, v)).status, 400);
  });

  it('checks the client secret and the redirect URI', async () => {
    const v = verifier();
    const back = await authorize({ challenge: challengeOf(v) });
    const wrongSecret = await tokenRequest({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      redirect_uri: redirectUri(),
      code_verifier: v,
      client_secret: 'guess',
    });
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error, 'invalid_client');
    const again = await authorize({ challenge: challengeOf(v) });
    const wrongRedirect = await tokenRequest({
      grant_type: 'authorization_code',
      code: again.searchParams.get('code') ?? '',
      redirect_uri: `${server.base}/elsewhere`,
      code_verifier: v,
    });
    assert.equal(wrongRedirect.status, 400);
    assert.match(wrongRedirect.body.error_description, /redirect_uri differs/);
  });

  it('wants a form-encoded POST', async () => {
    const json = await fetch(`${server.base}/oauth2/access_token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    assert.equal((await fetch(`${server.base}/oauth2/access_token`)).status, 405);
  });

  it('redirects an authorize request with another response_type back with unsupported_response_type', async () => {
    const url = new URL(`${server.base}/oauth2/authorize`);
    url.search = new URLSearchParams({ client_id: 'mock-client', redirect_uri: redirectUri(), response_type: 'token', state: 's' }).toString();
    const answer = await server.browser().request(url.href);
    assert.equal(answer.status, 302);
    assert.equal(new URL(/** @type {string} */ (answer.location)).searchParams.get('error'), 'unsupported_response_type');
  });

  it('issues no refresh token without access_type=offline', async () => {
    const v = verifier();
    const { body } = await exchange(await authorize({ challenge: challengeOf(v), offline: false }), v);
    assert.equal(body.refresh_token, undefined);
  });
});

describe('the refresh-token grant', () => {
  it('rotates: a new access and refresh token, and the old refresh token is refused afterwards', async () => {
    const first = await signedIn();
    const second = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(second.status, 200);
    assert.notEqual(second.body.access_token, first.access_token);
    assert.notEqual(second.body.refresh_token, first.refresh_token);
    const reused = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
    // Reuse of a rotated token revokes the grant: the current one is refused too.
    const current = await tokenRequest({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token });
    assert.equal(current.status, 400);
  });

  it('keeps one realtime user per sign-in: refreshed tokens differ only after the ~', async () => {
    const first = await signedIn();
    const second = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(first.access_token.replace(/~[^~]*$/, ''), second.body.access_token.replace(/~[^~]*$/, ''));
  });

  it('POST {base}/__accounts/revoke revokes every refresh token issued under {base}', async () => {
    const prefix = '/mock/revoke-test';
    const body = await signedIn(prefix);
    const outside = await signedIn();
    const revoked = await fetch(`${server.base}${prefix}/__accounts/revoke`, { method: 'POST' });
    assert.deepEqual(await revoked.json(), { revoked: 1 });
    assert.equal((await tokenRequest({ grant_type: 'refresh_token', refresh_token: body.refresh_token }, prefix)).status, 400);
    assert.equal((await tokenRequest({ grant_type: 'refresh_token', refresh_token: outside.refresh_token })).status, 200);
    const log = await (await fetch(`${server.base}${prefix}/__accounts`)).json();
    assert.deepEqual(
      log.map((/** @type {any} */ entry) => entry.type),
      ['consent-shown', 'consent-accepted', 'token-issued', 'refresh-token-revoked', 'token-refused'],
    );
    assert.doesNotMatch(JSON.stringify(log), /mock-secret|mock-refresh-|mock-oauth-|mock-code-/);
  });
});

describe('issued access tokens at the REST mock and the channel', () => {
  it('are accepted as bearer until their lifetime has passed, then refused with 401', async () => {
    const clocked = await startServer({ accounts: { accessTokenLifetimeS: 2 } });
    try {
      const browser = clocked.browser();
      await browser.signIn();
      const { access_token: token } = (await browser.token()).json();
      assert.equal((await placeCall(clocked.base, token)).status, 200);
      clocked.clock.advance(1.9);
      assert.equal((await placeCall(clocked.base, token)).status, 200);
      clocked.clock.advance(0.1);
      const expired = await placeCall(clocked.base, token);
      assert.equal(expired.status, 401);
      assert.deepEqual(await expired.json(), { message: 'Token expired.' });
    } finally {
      await clocked.close();
    }
  });

  it('are refused with the jwt scheme; other tokens work as before', async () => {
    const browser = server.browser();
    await browser.signIn();
    const { access_token: token } = (await browser.token()).json();
    assert.equal((await placeCall(server.base, token, 'jwt')).status, 401);
    assert.equal((await placeCall(server.base, 'any-token-at-all', 'jwt')).status, 200);
    assert.equal((await placeCall(server.base, 'any-token-at-all', 'bearer')).status, 200);
    assert.equal((await placeCall(server.base, EXPIRED_TOKEN)).status, 401);
  });

  it('POST {base}/__accounts/clock moves that base’s clock: its tokens expire, others do not', async () => {
    const prefix = '/mock/clock-test';
    const body = await signedIn(prefix);
    const browser = server.browser();
    await browser.signIn();
    const rootToken = (await browser.token()).json().access_token;
    const moved = await fetch(`${server.base}${prefix}/__accounts/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceS: 120 }),
    });
    assert.deepEqual(await moved.json(), { offsetS: 120 });
    assert.equal((await placeCall(server.base, body.access_token)).status, 401);
    assert.equal((await placeCall(server.base, rootToken)).status, 200);
  });

  it('the channel refuses an expired one', async () => {
    let now = Date.UTC(2030, 0, 1);
    const api = createMockSpacesApi({ accounts: { accessTokenLifetimeS: 60, allowLoopbackRedirectUris: true, now: () => now } });
    const http = createServer((req, res) => void (api.handle(req, res) || res.writeHead(404).end()));
    api.attach(http);
    await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
    const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (http.address()).port}`;
    try {
      const v = verifier();
      const url = new URL(`${base}/oauth2/authorize`);
      const params = {
        client_id: 'mock-client',
        redirect_uri: `${base}/cb`,
        response_type: 'code',
        access_type: 'offline',
        code_challenge: challengeOf(v),
        code_challenge_method: 'S256',
        decision: 'accept',
      };
      const decided = await fetch(url, { method: 'POST', redirect: 'manual', body: new URLSearchParams(params) });
      const code = new URL(/** @type {string} */ (decided.headers.get('location'))).searchParams.get('code') ?? '';
      const answer = await fetch(`${base}/oauth2/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${base}/cb`, code_verifier: v, client_id: 'mock-client', client_secret: 'mock-secret' }),
      });
      const { access_token: token } = /** @type {any} */ (await answer.json());
      /** @param {string} t */
      const connect = (t) =>
        new Promise((resolve) => {
          const socket = io(`${base}/chat`, { transports: ['websocket'], query: { tokenType: 'oauth', token: t }, forceNew: true, reconnection: false });
          socket.on('connect', () => (socket.close(), resolve('connected')));
          socket.on('error', (/** @type {string} */ error) => (socket.close(), resolve(error)));
        });
      assert.equal(await connect(token), 'connected');
      now += 60_000;
      assert.equal(await connect(token), 'unauthorized');
    } finally {
      api.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
