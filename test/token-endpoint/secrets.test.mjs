// @ts-check
/**
 * The client secret and the refresh tokens never leave the server: not in any body, header (Set-Cookie,
 * Location…) or URL a browser sees, whatever happens (sign-in, Deny, errors, refresh, revocation, sign-out,
 * CORS), nor in the endpoint's log lines. The access token reaches the browser only in /spaces/token's body.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startServer } from './support.mjs';

const SECRET = `client-secret-${randomBytes(16).toString('hex')}`;

/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
before(async () => {
  server = await startServer({
    accounts: { clients: [{ clientId: 'crm', clientSecret: SECRET, redirectUris: [] }], accessTokenLifetimeS: 600 },
    config: { clientId: 'crm', clientSecret: SECRET, allowedOrigins: ['https://crm.example.com'] },
  });
});
after(() => server.close());

describe('secrets', () => {
  it('the client secret and refresh tokens appear in nothing a browser receives nor in a log line', async () => {
    const browsers = [server.browser(), server.browser({ origin: 'https://crm.example.com' }), server.browser({ origin: 'https://evil.example' })];
    const [alice, crm, evil] = browsers;
    /** Every access token the browsers were given. @type {Set<string>} */
    const accessTokens = new Set();
    const token = async (/** @type {import('./support.mjs').Browser} */ b) => {
      const answer = await b.token();
      if (answer.status === 200) accessTokens.add(answer.json().access_token);
      return answer;
    };

    await alice.signIn();
    await token(alice);
    server.clock.advance(600 - 30);
    await Promise.all([token(alice), token(alice), token(alice)]);
    await crm.signIn();
    await token(crm);
    await crm.request('/spaces/token', { method: 'OPTIONS' });
    await evil.signIn({ decision: 'deny' });
    await token(evil);
    await evil.request('/spaces/callback?code=stolen&state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await evil.signIn({ editAuthorize: (url) => url.searchParams.set('code_challenge', 'A'.repeat(43)) });
    await fetch(`${server.base}/__accounts/revoke`, { method: 'POST' });
    server.clock.advance(600);
    await token(alice);
    await crm.request('/spaces/sign-out', { method: 'POST' });
    await token(crm);

    assert.ok(server.refreshTokens.size >= 3, 'refresh tokens were issued, rotated and refused');
    assert.ok(accessTokens.size >= 3);
    assert.ok(server.logLines.length >= 5);

    const everything = browsers.flatMap((b) => b.seen);
    for (const seen of everything) {
      const text = [seen.url, ...seen.headers.flat(), seen.body].join('\n');
      assert.ok(!text.includes(SECRET), `the client secret in ${seen.method} ${seen.url}`);
      for (const refreshToken of server.refreshTokens) assert.ok(!text.includes(refreshToken), `a refresh token in ${seen.method} ${seen.url}`);
      for (const accessToken of accessTokens) {
        const where = [seen.url, ...seen.headers.flat()].join('\n');
        assert.ok(!where.includes(accessToken), `an access token in the URL or headers of ${seen.url}`);
        if (!seen.url.endsWith('/spaces/token')) assert.ok(!seen.body.includes(accessToken), `an access token in ${seen.url}`);
      }
    }
    for (const line of server.logLines) {
      assert.ok(!line.includes(SECRET));
      for (const t of [...server.refreshTokens, ...accessTokens]) assert.ok(!line.includes(t), line);
      assert.doesNotMatch(line, /mock-code-|[A-Za-z0-9_-]{43}/, 'no code, state or session id either');
    }
  });
});
