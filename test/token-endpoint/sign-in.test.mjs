// @ts-check
/**
 * Signing in through the reference token endpoint against the mock Avaya Cloud Identity: the authorize
 * redirect, the consent page, the callback's checks, the session cookie and signing out.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MOCK_CLIENT_ID } from '../../demo/mock-accounts.js';
import { hiddenFields, startServer } from './support.mjs';

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
before(async () => {
  server = await startServer();
});
after(() => server.close());

describe('GET /spaces/sign-in', () => {
  it('redirects to the accounts’ authorize with the client, scope, offline access, a random state and a PKCE S256 challenge', async () => {
    const browser = server.browser();
    const first = await browser.request('/spaces/sign-in');
    assert.equal(first.status, 302);
    const url = new URL(/** @type {string} */ (first.location));
    assert.equal(`${url.origin}${url.pathname}`, `${server.base}/oauth2/authorize`);
    const p = url.searchParams;
    assert.equal(p.get('client_id'), MOCK_CLIENT_ID);
    assert.equal(p.get('redirect_uri'), `${server.base}/spaces/callback`);
    assert.equal(p.get('scope'), 'email profile spaces');
    assert.equal(p.get('response_type'), 'code');
    assert.equal(p.get('access_type'), 'offline');
    assert.equal(p.get('code_challenge_method'), 'S256');
    assert.match(p.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(p.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(first.headers.get('cache-control'), 'no-store');

    const second = new URL(/** @type {string} */ ((await browser.request('/spaces/sign-in')).location));
    assert.notEqual(second.searchParams.get('state'), p.get('state'));
    assert.notEqual(second.searchParams.get('code_challenge'), p.get('code_challenge'));
  });

  it('binds the attempt to the browser with a short-lived HttpOnly cookie of its own, sealed (no verifier in clear)', async () => {
    const browser = server.browser();
    const first = await browser.request('/spaces/sign-in');
    const state = new URL(/** @type {string} */ (first.location)).searchParams.get('state') ?? '';
    const [line] = first.setCookies;
    assert.match(line, new RegExp(`^spaces_session_sign_in_${state.slice(0, 16)}=[A-Za-z0-9_-]+; Path=/; Max-Age=600; HttpOnly; SameSite=Lax$`));
    assert.ok(!line.includes(state), 'the state is not readable in the cookie');
  });

  it('refuses a return_to that leaves the site', async () => {
    const browser = server.browser();
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'relative/path', 'javascript:alert(1)']) {
      const answer = await browser.request(`/spaces/sign-in?return_to=${encodeURIComponent(returnTo)}`);
      assert.equal(answer.status, 400, returnTo);
      assert.match(answer.text, /return_to must be a path on this site/);
    }
  });
});

describe('the consent page (mock Avaya Cloud Identity)', () => {
  it('is a small page with Accept and Deny, no script and no external resource, under a strict CSP', async () => {
    const browser = server.browser();
    const { consent } = await browser.signIn({ decision: 'accept' });
    assert.equal(consent.status, 200);
    assert.match(consent.text, /<button name="decision" value="accept"[^>]*>Accept<\/button>/);
    assert.match(consent.text, /<button name="decision" value="deny">Deny<\/button>/);
    assert.doesNotMatch(consent.text, /<script|src=|href=/i);
    const csp = consent.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|script-src/);
  });

  it('answers an unknown client or an unregistered redirect URI with a 400 page, never a redirect', async () => {
    const browser = server.browser();
    const unknown = await browser.signIn({ editAuthorize: (url) => url.searchParams.set('client_id', 'someone-else') });
    assert.equal(unknown.consent.status, 400);
    assert.match(unknown.consent.text, /Unknown client_id/);
    const elsewhere = await browser.signIn({
      editAuthorize: (url) => url.searchParams.set('redirect_uri', 'https://evil.example/spaces/callback'),
    });
    assert.equal(elsewhere.consent.status, 400);
    assert.equal(elsewhere.consent.location, null);
    assert.match(elsewhere.consent.text, /is not registered for mock-client/);
  });
});

describe('GET /spaces/callback', () => {
  it('after Accept: starts a session and shows “Signed in — you can close this window”', async () => {
    const browser = server.browser();
    const { callback, callbackUrl } = await browser.signIn();
    assert.ok(callback && callbackUrl);
    assert.equal(callbackUrl.pathname, '/spaces/callback');
    assert.match(callbackUrl.searchParams.get('code') ?? '', /^mock-code-/);
    assert.equal(callback.status, 302);
    assert.equal(callback.location, '/spaces/signed-in', 'the code leaves the address bar and the history');
    const signedIn = await browser.request('/spaces/signed-in');
    assert.equal(signedIn.status, 200);
    assert.match(signedIn.text, /<title>Signed in — you can close this window<\/title>/);
    assert.match(browser.cookie('spaces_session')?.value ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.deepEqual([...browser.cookies.keys()].filter((key) => key.includes('sign_in')), [], 'the attempt cookie is cleared');
    const token = await browser.token();
    assert.equal(token.status, 200);
  });

  it('sets the session cookie HttpOnly; SameSite=Lax; Path=/, without Secure on a loopback redirect URI', async () => {
    const browser = server.browser();
    const { callback } = await browser.signIn();
    const line = callback?.setCookies.find((c) => c.startsWith('spaces_session='));
    assert.match(line ?? '', /^spaces_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=604800; HttpOnly; SameSite=Lax$/);
  });

  it('sets __Host- cookies (Secure, Path=/) when the redirect URI is https', async () => {
    const secure = await startServer({ config: { redirectUri: 'https://crm.example.com/spaces/callback' } });
    try {
      const browser = secure.browser();
      const start = await browser.request('/spaces/sign-in');
      assert.match(start.setCookies[0], /^__Host-spaces_session_sign_in_[\w-]{16}=[\w-]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
      // The mock accounts only redirect to loopback URIs in these tests: play the callback on the test server.
      const authorize = new URL(/** @type {string} */ (start.location));
      const consent = await browser.request(authorize.href);
      assert.equal(consent.status, 400, 'https://crm.example.com is not registered at the mock');
      const state = authorize.searchParams.get('state');
      const declined = await browser.request(`/spaces/callback?error=access_denied&state=${state}`);
      assert.match(declined.setCookies.join('\n'), /^__Host-spaces_session_sign_in_[\w-]{16}=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await secure.close();
    }
  });

  it('sends the code with the client secret, the redirect URI and the PKCE verifier, form-encoded', async () => {
    const browser = server.browser();
    const before = server.grants.length;
    const { authorize } = await browser.signIn();
    const form = server.grants[before];
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('client_id'), MOCK_CLIENT_ID);
    assert.equal(form.get('client_secret'), 'mock-secret');
    assert.equal(form.get('redirect_uri'), `${server.base}/spaces/callback`);
    const verifier = form.get('code_verifier') ?? '';
    assert.equal(createHash('sha256').update(verifier).digest('base64url'), authorize.searchParams.get('code_challenge'));
  });

  it('refuses a state this browser did not start (400, no session)', async () => {
    const alice = server.browser();
    const mallory = server.browser();
    // Mallory starts a sign-in and sends Alice the link to its callback (login CSRF).
    const start = await mallory.request('/spaces/sign-in');
    const authorize = new URL(/** @type {string} */ (start.location));
    const consent = await mallory.request(authorize.href);
    const decided = await mallory.request(authorize.href, { method: 'POST', form: { ...hiddenFields(consent.text), decision: 'accept' } });
    const answer = await alice.request(/** @type {string} */ (decided.location));
    assert.equal(answer.status, 400);
    assert.match(answer.text, /not started in this browser/);
    assert.equal(alice.cookie('spaces_session'), undefined);
    assert.equal((await alice.token()).status, 401);
  });

  it('refuses an unknown state, and a state used twice', async () => {
    const browser = server.browser();
    const unknown = await browser.request('/spaces/callback?code=x&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /unknown, already used, expired/);
    const { callbackUrl } = await browser.signIn();
    const again = await browser.request(/** @type {URL} */ (callbackUrl).href);
    assert.equal(again.status, 400);
    assert.match(again.text, /unknown, already used, expired/);
    assert.equal((await server.browser().request('/spaces/callback?code=x')).status, 400);
  });

  it('refuses a state older than ten minutes', async () => {
    const browser = server.browser();
    const start = await browser.request('/spaces/sign-in');
    const authorize = new URL(/** @type {string} */ (start.location));
    server.clock.advance(601);
    const answer = await browser.request(`/spaces/callback?code=x&state=${authorize.searchParams.get('state')}`);
    assert.equal(answer.status, 400);
    assert.match(answer.text, /Sign-in expired/);
  });

  it('after Deny: says sign-in was declined, starts no session, exchanges no code', async () => {
    const browser = server.browser();
    const before = server.grants.length;
    const { decided, callback } = await browser.signIn({ decision: 'deny' });
    const back = new URL(/** @type {string} */ (decided?.location));
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.ok(back.searchParams.get('state'));
    assert.equal(callback?.status, 200);
    assert.match(callback?.text ?? '', /<h1>Sign-in was declined<\/h1>/);
    assert.equal(browser.cookie('spaces_session'), undefined);
    assert.equal(server.grants.length, before);
    const token = await browser.token();
    assert.equal(token.status, 401);
    assert.equal(token.json().error, 'signed_out');
  });

  it('redirects to a same-origin return_to after signing in', async () => {
    const browser = server.browser();
    const { callback } = await browser.signIn({ signInPath: '/spaces/sign-in?return_to=%2Fcrm%2Fcontacts%3Fid%3D7' });
    assert.equal(callback?.status, 302);
    assert.equal(callback?.location, '/crm/contacts?id=7');
    assert.ok(browser.cookie('spaces_session'));
  });

  it('shows a clear page when the code exchange fails (PKCE mismatch at the accounts)', async () => {
    const browser = server.browser();
    const { callback } = await browser.signIn({
      // A challenge that is not the endpoint's: as if the authorize request had been tampered with.
      editAuthorize: (url) => url.searchParams.set('code_challenge', createHash('sha256').update('x'.repeat(43)).digest('base64url')),
    });
    assert.equal(callback?.status, 502);
    assert.match(callback?.text ?? '', /did not complete the sign-in \(invalid_grant\)/);
    assert.equal(browser.cookie('spaces_session'), undefined);
    assert.ok(server.logLines.some((line) => /code exchange failed \(status 400, invalid_grant\)/.test(line)));
  });
});

describe('POST /spaces/sign-out', () => {
  it('ends the session and clears the cookie', async () => {
    const browser = server.browser();
    await browser.signIn();
    const id = browser.cookie('spaces_session')?.value;
    const answer = await browser.request('/spaces/sign-out', { method: 'POST' });
    assert.equal(answer.status, 204);
    assert.match(answer.setCookies[0], /^spaces_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax$/);
    assert.equal((await browser.token()).status, 401);
    // The old id is worth nothing now, even if kept.
    const replay = await server.browser().request('/spaces/token', { headers: { cookie: `spaces_session=${id}` } });
    assert.equal(replay.status, 401);
  });

  it('is POST only', async () => {
    const answer = await server.browser().request('/spaces/sign-out');
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('allow'), 'POST, OPTIONS');
  });
});
