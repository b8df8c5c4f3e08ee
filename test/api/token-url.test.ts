/**
 * Tokens from the host's endpoint (src/api/token-url.ts): the page-wide cache (until 60 s before expiry, one request in
 * flight, dropped on demand), how each answer of the endpoint is read, and that its body never shows in an error.
 * The endpoint is a stubbed `fetch` for its own address (test/support/token-endpoint.ts); redirects, refused
 * connections and the wire itself are real HTTP (the hostile API of test/support/hostile-api.mjs).
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { forgetSpacesToken } from '../../src/api/sign-out.js';
import { tokenFromUrl, TokenEndpointError, type TokenGrant } from '../../src/api/token-url.js';
import { closedPort, hostileApi } from '../support/hostile-api.js';
import { clearTokenCache, fakeTokenEndpoint, json, restore, text, type TokenAnswer } from '../support/token-endpoint.js';

/** The start of each test's clock, when the clock is controlled. */
const T0 = Date.UTC(2026, 0, 15, 9, 30);
/** What the endpoint's answers hide: it must never reach an error. */
const SECRET = 'refresh-token-s3cr3t-9f2c';

const grant = (token: string, expiresIn?: number, tokenType = 'bearer'): TokenAnswer =>
  json({ access_token: token, token_type: tokenType, ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });

/** What `promise` rejected with, which must be a TokenEndpointError. */
async function failureOf(promise: Promise<TokenGrant>): Promise<TokenEndpointError> {
  let grant: TokenGrant;
  try {
    grant = await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(TokenEndpointError);
    return error as TokenEndpointError;
  }
  throw new Error(`expected a failure, got the token ${JSON.stringify(grant)}`);
}

/** Everything an error lets a page read: its text, its stack, its JSON and each of its own properties. */
function everythingIn(error: Error): string {
  const props = Object.getOwnPropertyNames(error).map((key) => String((error as unknown as Record<string, unknown>)[key]));
  return [String(error), error.message, error.stack ?? '', JSON.stringify(error), String(error.cause), ...props].join('\n');
}

describe('tokenFromUrl', () => {
  beforeEach(() => clearTokenCache());
  afterEach(() => {
    restore();
    sinon.restore();
  });

  describe('the cache', () => {
    it('a second call within the token’s lifetime makes no request', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));

      const first = await tokenFromUrl(endpoint.url, false);
      const second = await tokenFromUrl(endpoint.url, false);

      expect(first.token).to.equal('tok-1');
      expect(second.token).to.equal('tok-1');
      expect(endpoint.requests).to.have.length(1);
    });

    describe('keeps a token until 60 s before it expires', () => {
      let clock: sinon.SinonFakeTimers;
      beforeEach(() => {
        clock = sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
      });
      afterEach(() => clock.restore());

      it('expires_in 3599: still cached at +3538 s', async () => {
        const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));
        await tokenFromUrl(endpoint.url, false);

        clock.setSystemTime(T0 + 3_538_000);
        const later = await tokenFromUrl(endpoint.url, false);

        expect(later.token).to.equal('tok-1');
        expect(endpoint.requests).to.have.length(1);
      });

      it('expires_in 3599: fetched again at +3540 s', async () => {
        const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));
        await tokenFromUrl(endpoint.url, false);

        clock.setSystemTime(T0 + 3_540_000);
        const later = await tokenFromUrl(endpoint.url, false);

        expect(later.token).to.equal('tok-2');
        expect(endpoint.requests).to.have.length(2);
      });

      it('the fresh token is cached in turn, from when it came', async () => {
        const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 120), grant('tok-3', 3599));
        await tokenFromUrl(endpoint.url, false);
        clock.setSystemTime(T0 + 3_540_000);
        await tokenFromUrl(endpoint.url, false);

        clock.setSystemTime(T0 + 3_540_000 + 59_000);
        expect((await tokenFromUrl(endpoint.url, false)).token).to.equal('tok-2');
        clock.setSystemTime(T0 + 3_540_000 + 61_000);
        expect((await tokenFromUrl(endpoint.url, false)).token).to.equal('tok-3');
        expect(endpoint.requests).to.have.length(3);
      });
    });

    for (const [what, expiresIn] of [
      ['without expires_in', undefined],
      ['with expires_in 60', 60],
      ['with expires_in 0', 0],
      ['with a negative expires_in', -3599],
    ] as const) {
      it(`does not keep a token ${what}: every call asks the endpoint`, async () => {
        const endpoint = fakeTokenEndpoint(grant('tok-1', expiresIn), grant('tok-2', expiresIn));

        await tokenFromUrl(endpoint.url, false);
        const second = await tokenFromUrl(endpoint.url, false);

        expect(second.token).to.equal('tok-2');
        expect(endpoint.requests).to.have.length(2);
      });
    }

    it('keeps a token with expires_in 61 (usable for one more second)', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 61), grant('tok-2', 61));

      await tokenFromUrl(endpoint.url, false);
      const second = await tokenFromUrl(endpoint.url, false);

      expect(second.token).to.equal('tok-1');
      expect(endpoint.requests).to.have.length(1);
    });

    it('forceRefresh drops the cached token and fetches a new one, which is cached', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599), grant('tok-3', 3599));
      await tokenFromUrl(endpoint.url, false);

      const refreshed = await tokenFromUrl(endpoint.url, true);
      const after = await tokenFromUrl(endpoint.url, false);

      expect(refreshed.token).to.equal('tok-2');
      expect(after.token).to.equal('tok-2');
      expect(endpoint.requests).to.have.length(2);
    });

    it('one request in flight for 300 concurrent callers, who all get its token', async () => {
      let answer!: (response: Response) => void;
      const endpoint = fakeTokenEndpoint(() => new Promise<Response>((resolve) => (answer = resolve)), grant('tok-2', 3599));

      const callers = Array.from({ length: 300 }, () => tokenFromUrl(endpoint.url, false));
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer(new Response(JSON.stringify({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3599 })));
      const grants = await Promise.all(callers);

      expect(endpoint.requests).to.have.length(1);
      expect(new Set(grants.map((g) => g.token))).to.deep.equal(new Set(['tok-1']));
    });

    it('a forced refresh while a request is in flight shares that request', async () => {
      let answer!: (response: Response) => void;
      const endpoint = fakeTokenEndpoint(() => new Promise<Response>((resolve) => (answer = resolve)), grant('tok-2', 3599));

      const first = tokenFromUrl(endpoint.url, false);
      const forced = tokenFromUrl(endpoint.url, true);
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer(new Response(JSON.stringify({ access_token: 'tok-1', expires_in: 3599 })));

      expect((await first).token).to.equal('tok-1');
      expect((await forced).token).to.equal('tok-1');
      expect(endpoint.requests).to.have.length(1);
    });

    it('concurrent callers of a request that fails all get the failure, and the next call asks again', async () => {
      const endpoint = fakeTokenEndpoint(json({ error: 'down' }, 503), grant('tok-1', 3599));

      const failures = await Promise.all(Array.from({ length: 5 }, () => failureOf(tokenFromUrl(endpoint.url, false))));
      const next = await tokenFromUrl(endpoint.url, false);

      expect(failures.map((f) => f.kind)).to.deep.equal(Array(5).fill('token-unavailable'));
      expect(next.token).to.equal('tok-1');
      expect(endpoint.requests).to.have.length(2);
    });

    for (const [what, failure] of [
      ['a 500', json({}, 500)],
      ['a 401', json({}, 401)],
      ['a network failure', 'network-error'],
      ['an answer without a token', json({ expires_in: 3599 })],
    ] as const) {
      it(`is not filled by ${what}: the next call tries again`, async () => {
        const endpoint = fakeTokenEndpoint(failure, grant('tok-1', 3599));

        await failureOf(tokenFromUrl(endpoint.url, false));
        const next = await tokenFromUrl(endpoint.url, false);

        expect(next.token).to.equal('tok-1');
        expect(endpoint.requests).to.have.length(2);
      });
    }

    it('a failed forced refresh leaves no token behind: the next call asks again', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), json({}, 500), grant('tok-3', 3599));
      await tokenFromUrl(endpoint.url, false);

      await failureOf(tokenFromUrl(endpoint.url, true));
      const next = await tokenFromUrl(endpoint.url, false);

      expect(next.token).to.equal('tok-3');
      expect(endpoint.requests).to.have.length(3);
    });

    it('is one per URL: shared by calls with the same URL, separate for another', async () => {
      const crm = fakeTokenEndpoint(grant('crm-token', 3599));
      const helpdesk = fakeTokenEndpoint(grant('helpdesk-token', 3599));

      const tokens = [];
      for (const url of [crm.url, helpdesk.url, crm.url, helpdesk.url]) tokens.push((await tokenFromUrl(url, false)).token);

      expect(tokens).to.deep.equal(['crm-token', 'helpdesk-token', 'crm-token', 'helpdesk-token']);
      expect(crm.requests).to.have.length(1);
      expect(helpdesk.requests).to.have.length(1);
    });

    it('forceRefresh for one URL keeps the other’s token', async () => {
      const crm = fakeTokenEndpoint(grant('crm-1', 3599), grant('crm-2', 3599));
      const helpdesk = fakeTokenEndpoint(grant('helpdesk-1', 3599), grant('helpdesk-2', 3599));
      await tokenFromUrl(crm.url, false);
      await tokenFromUrl(helpdesk.url, false);

      await tokenFromUrl(crm.url, true);

      expect((await tokenFromUrl(helpdesk.url, false)).token).to.equal('helpdesk-1');
      expect(helpdesk.requests).to.have.length(1);
    });

    it('lives on the global object, so every copy of the script on the page shares it', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599));
      await tokenFromUrl(endpoint.url, false);

      const cache = (globalThis as { [key: symbol]: unknown })[Symbol.for('spaces-call-button.token-url-cache')];

      expect(cache).to.be.instanceOf(Map);
      expect([...(cache as Map<string, unknown>).keys()]).to.include(endpoint.url);
    });

    it('a second copy of the module answers from the first one’s cache', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));
      await tokenFromUrl(endpoint.url, false);

      const copy: typeof import('../../src/api/token-url.js') = await import(/* @vite-ignore */ `${new URL('../../src/api/token-url.ts', import.meta.url).href}?second-copy`);
      const fromCopy = await copy.tokenFromUrl(endpoint.url, false);

      expect(copy.tokenFromUrl).not.to.equal(tokenFromUrl);
      expect(fromCopy.token).to.equal('tok-1');
      expect(endpoint.requests).to.have.length(1);
    });
  });

  describe('sign-out: forgetSpacesToken()', () => {
    it('drops every cached token: the next call asks each endpoint again', async () => {
      const crm = fakeTokenEndpoint(grant('crm-1', 3599), grant('crm-2', 3599));
      const helpdesk = fakeTokenEndpoint(grant('helpdesk-1', 3599), grant('helpdesk-2', 3599));
      await tokenFromUrl(crm.url, false);
      await tokenFromUrl(helpdesk.url, false);

      forgetSpacesToken();

      expect((await tokenFromUrl(crm.url, false)).token).to.equal('crm-2');
      expect((await tokenFromUrl(helpdesk.url, false)).token).to.equal('helpdesk-2');
      expect(crm.requests).to.have.length(2);
      expect(helpdesk.requests).to.have.length(2);
    });

    it('a request in flight fills nothing afterwards: the next call asks again', async () => {
      let answer!: (response: Response) => void;
      const endpoint = fakeTokenEndpoint(() => new Promise<Response>((resolve) => (answer = resolve)), grant('tok-2', 3599));
      const inFlight = tokenFromUrl(endpoint.url, false);
      await new Promise((resolve) => setTimeout(resolve, 10));

      forgetSpacesToken();
      answer(new Response(JSON.stringify({ access_token: 'tok-1', expires_in: 3599 })));
      await inFlight;
      const next = await tokenFromUrl(endpoint.url, false);

      expect(next.token).to.equal('tok-2');
      expect(endpoint.requests).to.have.length(2);
    });

    it('reaches every copy of the script: a second copy of the module asks again too', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));
      const copy: typeof import('../../src/api/token-url.js') = await import(/* @vite-ignore */ `${new URL('../../src/api/token-url.ts', import.meta.url).href}?sign-out-copy`);
      await copy.tokenFromUrl(endpoint.url, false);

      forgetSpacesToken();

      expect((await copy.tokenFromUrl(endpoint.url, false)).token).to.equal('tok-2');
      expect(endpoint.requests).to.have.length(2);
    });

    it('with nothing cached (and no live channel ever opened) does nothing and does not throw', () => {
      forgetSpacesToken();
      forgetSpacesToken();
    });
  });

  describe('the request', () => {
    it('is a GET with the page’s cookies, asking for JSON, to the URL exactly as given', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599));

      await tokenFromUrl(endpoint.url, false);

      const [{ url, init }] = endpoint.requests;
      expect(url).to.equal(endpoint.url);
      expect(init.method ?? 'GET').to.equal('GET');
      expect(init.body).to.equal(undefined);
      expect(init.credentials).to.equal('include');
      expect(new Headers(init.headers).get('accept')).to.equal('application/json');
      expect(new Headers(init.headers).has('authorization')).to.equal(false);
    });

    it('carries no token in its URL, even when a token is cached and refreshed', async () => {
      const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), grant('tok-2', 3599));
      await tokenFromUrl(endpoint.url, false);

      await tokenFromUrl(endpoint.url, true);

      expect(endpoint.requests.map((r) => r.url)).to.deep.equal([endpoint.url, endpoint.url]);
      for (const { init } of endpoint.requests) expect(new Headers(init.headers).has('authorization')).to.equal(false);
    });

    it('reaches a real server as a GET without an Authorization header', async () => {
      const hostile = hostileApi();
      const url = `${hostile.base('status', 500)}/api/spacescalling/aura/call`;

      await failureOf(tokenFromUrl(url, false));

      const [request] = await hostile.requests();
      expect(request).to.include({ method: 'GET', authorization: null, body: '' });
      expect(new URL(url).pathname).to.equal(request.path);
    });
  });

  describe('the endpoint’s answer', () => {
    it('{ access_token, token_type: "bearer", expires_in } is a bearer token', async () => {
      const endpoint = fakeTokenEndpoint(json({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3599 }));
      expect(await tokenFromUrl(endpoint.url, false)).to.deep.equal({ token: 'tok-1', tokenType: 'bearer' });
    });

    it('{ token } is accepted for access_token, with no scheme of its own', async () => {
      const endpoint = fakeTokenEndpoint(json({ token: 'tok-1' }));
      expect(await tokenFromUrl(endpoint.url, false)).to.deep.equal({ token: 'tok-1' });
    });

    it('access_token wins over token when both are given', async () => {
      const endpoint = fakeTokenEndpoint(json({ token: 'tok-old', access_token: 'tok-new' }));
      expect((await tokenFromUrl(endpoint.url, false)).token).to.equal('tok-new');
    });

    it('the token is trimmed', async () => {
      const endpoint = fakeTokenEndpoint(json({ access_token: '  tok-1\n' }));
      expect((await tokenFromUrl(endpoint.url, false)).token).to.equal('tok-1');
    });

    it('only the access token is handed on: a refresh token in the answer is not', async () => {
      const endpoint = fakeTokenEndpoint(json({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3599, refresh_token: SECRET, scope: 'spaces' }));
      const answer = await tokenFromUrl(endpoint.url, false);
      expect(answer).to.deep.equal({ token: 'tok-1', tokenType: 'bearer' });
    });

    const schemes: [tokenType: unknown, scheme: string | undefined][] = [
      ['bearer', 'bearer'],
      ['Bearer', 'bearer'],
      ['jwt', 'jwt'],
      ['JWT', 'jwt'],
      ['mac', undefined],
      ['', undefined],
      [42, undefined],
      [null, undefined],
    ];
    for (const [tokenType, scheme] of schemes) {
      it(`token_type ${JSON.stringify(tokenType)} ${scheme ? `is the ${scheme} scheme` : 'leaves the scheme to the button'}`, async () => {
        const endpoint = fakeTokenEndpoint(json({ access_token: 'tok-1', token_type: tokenType }));
        const answer = await tokenFromUrl(endpoint.url, false);
        expect(answer.tokenType).to.equal(scheme);
        expect(answer).to.have.keys(scheme ? ['token', 'tokenType'] : ['token']);
      });
    }

    describe('signed out', () => {
      for (const status of [401, 403]) {
        it(`${status} is signed-out, with the sign_in_url of its JSON error`, async () => {
          const endpoint = fakeTokenEndpoint(json({ error: 'login_required', sign_in_url: 'https://sso.crm.example.com/spaces/sign-in' }, status));

          const error = await failureOf(tokenFromUrl(endpoint.url, false));

          expect(error).to.include({ kind: 'signed-out', status, signInUrl: 'https://sso.crm.example.com/spaces/sign-in' });
        });
      }

      it('a 401 drops the cached token: the next call asks the endpoint again instead of using it', async () => {
        const endpoint = fakeTokenEndpoint(grant('tok-1', 3599), json({ error: 'signed_out' }, 401), grant('tok-3', 3599));
        await tokenFromUrl(endpoint.url, false);

        const error = await failureOf(tokenFromUrl(endpoint.url, true)); // the API refused tok-1: a forced refresh
        const next = await tokenFromUrl(endpoint.url, false);

        expect(error.kind).to.equal('signed-out');
        expect(next.token, 'not the token from before the 401').to.equal('tok-3');
        expect(endpoint.requests).to.have.length(3);
      });

      it('a relative sign_in_url is resolved against the token URL', async () => {
        const endpoint = fakeTokenEndpoint(json({ sign_in_url: '/spaces/sign-in?return=%2Fcontacts' }, 401));
        const sibling = fakeTokenEndpoint(json({ sign_in_url: 'sign-in' }, 401));

        const fromRoot = await failureOf(tokenFromUrl(endpoint.url, false));
        const fromSibling = await failureOf(tokenFromUrl(sibling.url, false));

        expect(fromRoot.signInUrl).to.equal(new URL('/spaces/sign-in?return=%2Fcontacts', endpoint.url).href);
        expect(fromSibling.signInUrl).to.equal(sibling.url.replace(/token$/, 'sign-in'));
      });

      for (const signInUrl of ['javascript:alert(1)', ' JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'ftp://sso.crm.example.com/', 42]) {
        it(`sign_in_url ${JSON.stringify(signInUrl)} is ignored`, async () => {
          const endpoint = fakeTokenEndpoint(json({ sign_in_url: signInUrl }, 401));

          const error = await failureOf(tokenFromUrl(endpoint.url, false));

          expect(error.kind).to.equal('signed-out');
          expect(error.signInUrl).to.equal(undefined);
        });
      }

      it('a 401 that is not JSON is signed-out without a sign-in address', async () => {
        const endpoint = fakeTokenEndpoint(text('Please sign in', 401));
        const error = await failureOf(tokenFromUrl(endpoint.url, false));
        expect(error).to.include({ kind: 'signed-out', status: 401, signInUrl: undefined });
      });

      it('a redirect (to a sign-in page) is signed-out, and is not followed', async () => {
        const hostile = hostileApi();
        const tokenUrl = `${hostile.base('redirect-same-origin')}/api/spacescalling/aura/call`;

        const error = await failureOf(tokenFromUrl(tokenUrl, false));

        expect(error.kind).to.equal('signed-out');
        expect((await hostile.requests()).map((r) => r.case)).to.deep.equal(['redirect-same-origin']);
      });

      it('a real 401 over HTTP is signed-out', async () => {
        const hostile = hostileApi();
        const error = await failureOf(tokenFromUrl(`${hostile.base('status', 401)}/api/spacescalling/aura/call`, false));
        expect(error).to.include({ kind: 'signed-out', status: 401 });
      });
    });

    describe('no token', () => {
      const cases: [what: string, answer: TokenAnswer, status: number][] = [
        ['500', json({ error: 'server_error' }, 500), 500],
        ['502 from a proxy, as HTML', text('<h1>Bad gateway</h1>', 502), 502],
        ['200 that is not JSON', text('access_token=tok-1'), 200],
        ['200 with an empty access_token', json({ access_token: '' }), 200],
        ['200 with a blank token', json({ token: '   ' }), 200],
        ['200 without a token', json({ token_type: 'bearer', expires_in: 3599 }), 200],
        ['200 with a token that is not a string', json({ access_token: 12345 }), 200],
        ['200 with a JSON array', json([{ access_token: 'tok-1' }]), 200],
        ['200 with JSON null', json(null), 200],
        ['200 with an access token of 16 KB and one byte', json({ access_token: 'x'.repeat(16_385) }), 200],
        ['404', json({}, 404), 404],
      ];
      for (const [what, answer, status] of cases) {
        it(`${what} is token-unavailable with status ${status}`, async () => {
          const endpoint = fakeTokenEndpoint(answer);
          const error = await failureOf(tokenFromUrl(endpoint.url, false));
          expect(error).to.include({ kind: 'token-unavailable', status, signInUrl: undefined });
        });
      }

      it('a network failure is token-unavailable without a status', async () => {
        const endpoint = fakeTokenEndpoint('network-error');
        const error = await failureOf(tokenFromUrl(endpoint.url, false));
        expect(error).to.include({ kind: 'token-unavailable', status: undefined });
      });

      it('a refused connection is token-unavailable without a status', async () => {
        const port = await closedPort();
        const error = await failureOf(tokenFromUrl(`http://127.0.0.1:${port}/spaces/token`, false));
        expect(error).to.include({ kind: 'token-unavailable', status: undefined });
      });

      it('a real 500 over HTTP is token-unavailable with status 500', async () => {
        const hostile = hostileApi();
        const error = await failureOf(tokenFromUrl(`${hostile.base('status', 500)}/api/spacescalling/aura/call`, false));
        expect(error).to.include({ kind: 'token-unavailable', status: 500 });
      });
    });

    describe('never shows the endpoint’s body', () => {
      const cases: [what: string, answer: TokenAnswer][] = [
        ['a 401 JSON error', json({ error: SECRET, error_description: `refresh_token ${SECRET} was revoked`, sign_in_url: '/sign-in' }, 401)],
        ['a 403 JSON error', json({ message: SECRET }, 403)],
        ['a 401 text page', text(`Session ${SECRET} expired`, 401)],
        ['a 500 with a stack trace', text(`Error: refresh failed for ${SECRET}\n    at refresh (token.js:12)`, 500)],
        ['a 500 JSON error', json({ message: SECRET, refresh_token: SECRET }, 500)],
        ['a 200 that is not JSON', text(`refresh_token=${SECRET}`)],
        ['a 200 without an access token', json({ refresh_token: SECRET, client_secret: SECRET })],
        ['a 200 whose token is not a string', json({ access_token: { value: SECRET } })],
      ];
      for (const [what, answer] of cases) {
        it(`in the error after ${what}`, async () => {
          const endpoint = fakeTokenEndpoint(answer);

          const error = await failureOf(tokenFromUrl(endpoint.url, false));

          expect(everythingIn(error)).not.to.contain(SECRET);
        });
      }
    });
  });
});
