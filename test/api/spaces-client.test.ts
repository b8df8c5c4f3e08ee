import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { createSpacesClient, isSecureOrigin, type SpacesClientOptions } from '../../src/api/spaces-client.js';
import { closedPort } from '../support/hostile-api.js';
import { EXPIRED_TOKEN, mockApi, NUMBERS, type MockApi } from '../support/mock-api.js';
import { clearTokenCache, fakeTokenEndpoint, json, restore as restoreTokenEndpoints, text, type TokenAnswer } from '../support/token-endpoint.js';
import { markAfter } from '../support/page-watch.js';

const E164 = {
  success: '+442079460958',
  noLicense: '+442079460900',
  tokenExpired: '+442079460903',
  rateLimited: '+442079460904',
  serverError: '+442079460905',
  unavailable: '+442079460906',
  slow: '+442079460907',
  malformed: '+442079460908',
  noReceivers: '+442079460909',
  dropped: '+442079460910',
};

describe('createSpacesClient', () => {
  let api: MockApi;
  const client = (options: Partial<SpacesClientOptions> = {}) => createSpacesClient({ apiBase: api.apiBase, token: 'tok-123', ...options });

  beforeEach(() => {
    api = mockApi();
  });
  afterEach(() => sinon.restore());

  describe('when the API accepts the call', () => {
    it('posts the documented body with a jwt Authorization header and JSON content type', async () => {
      const outcome = await client().placeCall({ address: E164.success });

      expect(outcome).to.include({ ok: true, status: 200 });
      const [request] = await api.requests();
      expect(request).to.deep.include({
        callType: 'aura',
        scheme: 'jwt',
        token: 'tok-123',
        contentType: 'application/json',
        callees: [{ address: E164.success, displayname: '' }],
      });
    });

    it('returns the receivers with their calling status and the whole answer', async () => {
      const outcome = await client().placeCall({ address: E164.success, displayName: 'Ada' });

      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.receivers).to.deep.equal([{ address: E164.success, displayname: 'Ada', callStatus: 'calling' }]);
      expect(outcome.response).to.have.property('category', 'space.call.offer.sent');
    });

    it('uses the bearer scheme when asked', async () => {
      await client({ tokenType: 'bearer' }).placeCall({ address: E164.success });
      expect((await api.requests())[0]).to.include({ scheme: 'bearer' });
    });

    it('sends the call type as given, URL-encoded', async () => {
      await client().placeCall({ address: E164.success, callType: 'Aura' });
      const outcome = await client().placeCall({ address: E164.success, callType: 'a/b' });

      expect((await api.requests()).map((r) => r.callType)).to.deep.equal(['Aura']);
      expect(outcome).to.deep.include({ ok: false });
      expect(!outcome.ok && outcome.error.kind).to.equal('not-found');
    });
  });

  describe('when the token is rejected', () => {
    it('asks the provider once more with forceRefresh and retries once', async () => {
      const getToken = sinon.stub();
      getToken.withArgs({ forceRefresh: false }).resolves(EXPIRED_TOKEN);
      getToken.withArgs({ forceRefresh: true }).resolves('fresh-token');

      const outcome = await client({ token: undefined, getToken }).placeCall({ address: E164.success });

      expect(outcome.ok).to.equal(true);
      expect(getToken.args).to.deep.equal([[{ forceRefresh: false }], [{ forceRefresh: true }]]);
      expect((await api.requests()).map((r) => r.token)).to.deep.equal([EXPIRED_TOKEN, 'fresh-token']);
    });

    it('reports unauthorized after one retry when the fresh token is rejected too', async () => {
      const getToken = sinon.stub().resolves('any-token');

      const outcome = await client({ token: undefined, getToken }).placeCall({ address: E164.tokenExpired });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'unauthorized', status: 401 });
      expect(await api.requests()).to.have.length(2);
    });

    it('reports unauthorized without a retry when there is no provider', async () => {
      const outcome = await client({ token: EXPIRED_TOKEN }).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'unauthorized', status: 401 });
      expect(await api.requests()).to.have.length(1);
    });
  });

  describe('when there is no token', () => {
    for (const [what, options] of [
      ['no token at all', { token: undefined }],
      ['a blank token', { token: '  ' }],
      ['a provider that returns nothing', { token: undefined, getToken: () => '' }],
    ] as const) {
      it(`sends nothing for ${what}`, async () => {
        const outcome = await client(options).placeCall({ address: E164.success });
        expect(!outcome.ok && outcome.error.kind).to.equal('no-token');
        expect(await api.requests()).to.have.length(0);
      });
    }

    it('sends nothing when the provider throws, and does not repeat its message', async () => {
      const outcome = await client({
        getToken: () => {
          throw new Error('secret-refresh-token-xyz');
        },
      }).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error.kind).to.equal('no-token');
      expect(JSON.stringify(outcome)).not.to.contain('secret-refresh-token-xyz');
      expect(await api.requests()).to.have.length(0);
    });
  });

  describe('when the endpoint is not safe for a token', () => {
    it('refuses plain http to another host without a request', async () => {
      const fetchSpy = sinon.spy(window, 'fetch');
      const outcome = await client({ apiBase: 'http://spaces.example.com' }).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'insecure-endpoint' });
      expect(fetchSpy.called).to.equal(false);
    });

    it('allows loopback addresses for a local proxy or the mock', async () => {
      const loopback = api.apiBase.replace('localhost', '127.0.0.1');
      const outcome = await client({ apiBase: loopback }).placeCall({ address: E164.success });
      expect(outcome.ok).to.equal(true);
    });

    it('rejects an api base that is not an http(s) URL', async () => {
      const outcome = await client({ apiBase: 'javascript:alert(1)' }).placeCall({ address: E164.success });
      expect(!outcome.ok && outcome.error.kind).to.equal('bad-config');
    });
  });

  describe('maps every failure to a kind and a specific message', () => {
    const cases: [number: string, kind: string, status: number | undefined, text: RegExp][] = [
      [E164.noLicense, 'forbidden', 403, /license required for Aura calling.*whitelisted billing country/],
      [E164.rateLimited, 'rate-limited', 429, /Wait 30 seconds/],
      [E164.serverError, 'server', 500, /HTTP 500.*Internal error/],
      [E164.unavailable, 'server', 503, /\(HTTP 503\)\. Try again later\.$/],
      [E164.malformed, 'bad-response', 200, /not JSON/],
      [E164.noReceivers, 'bad-response', 200, /no receivers/],
      [E164.dropped, 'network', undefined, /could not be reached/],
    ];
    for (const [address, kind, status, text] of cases) {
      it(`${address} → ${kind}, sent once`, async () => {
        const outcome = await client().placeCall({ address });

        if (outcome.ok) throw new Error('expected a failure');
        expect(outcome.error.kind).to.equal(kind);
        expect(outcome.error.status).to.equal(status);
        expect(outcome.error.message).to.match(text);
        expect(await api.requests()).to.have.length(1);
      });
    }

    // The slow number answers (successfully) after 5 s: a `timeout` outcome means the call ended before the answer
    // came. No upper limit in milliseconds: how late a timer fires depends on the machine. Not before the deadline, though.
    it('times out a slow answer after the given milliseconds, not before', async () => {
      const early = markAfter(250);
      const outcome = await client({ timeout: 300 }).placeCall({ address: E164.slow });

      expect(!outcome.ok && outcome.error.kind).to.equal('timeout');
      expect(!outcome.ok && outcome.error.message).to.contain('within 0.3 seconds');
      expect(early.fired, 'a 250 ms timer set with the call ran before the 300 ms timeout').to.equal(true);
    });

    it('stops when its signal is aborted', async () => {
      const controller = new AbortController();
      const pending = client().placeCall({ address: E164.slow, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);

      const outcome = await pending;
      expect(!outcome.ok && outcome.error.kind).to.equal('aborted');
    });

    it('does not wait for a token provider that never answers', async () => {
      const outcome = await client({ timeout: 200, getToken: () => new Promise<string>(() => {}) }).placeCall({ address: E164.success });
      expect(!outcome.ok && outcome.error.kind).to.equal('timeout');
    });
  });

  describe('with answers the mock does not give', () => {
    const answer = (body: string, init: ResponseInit = {}) =>
      sinon.stub(window, 'fetch').callsFake(async () => new Response(body, { headers: { 'content-type': 'application/json' }, ...init }));

    it('hides a token that the server echoes in its message', async () => {
      answer(JSON.stringify({ message: 'token tok-123 is not valid' }), { status: 400 });
      const outcome = await client().placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error.message).to.contain('token [token] is not valid').and.not.contain('tok-123');
    });

    it('is bad-response when the only receiver is the caller', async () => {
      answer(JSON.stringify({ receivers: [{ address: '+1', callingDetails: { callStatus: 'calling', isCaller: true } }] }));
      const outcome = await client().placeCall({ address: E164.success });
      expect(!outcome.ok && outcome.error.kind).to.equal('bad-response');
    });

    it('reads Retry-After as an HTTP date', async () => {
      answer('{}', { status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } });
      const outcome = await client().placeCall({ address: E164.success });
      expect(!outcome.ok && outcome.error.message).to.match(/Wait 2 minutes/);
    });

    it('treats a redirect as an error and does not follow it', async () => {
      answer('', { status: 307, headers: { location: 'https://elsewhere.example/' } });
      const outcome = await client().placeCall({ address: E164.success });
      expect(!outcome.ok && outcome.error.kind).to.equal('redirect');
    });
  });
});

describe('isSecureOrigin', () => {
  const cases: [string, boolean][] = [
    ['https://spacesapis.avayacloud.com', true],
    ['http://localhost:8000', true],
    ['http://127.0.0.1', true],
    ['http://127.8.9.10:99', true],
    ['http://[::1]:8080', true],
    ['http://spacesapis.avayacloud.com', false],
    ['http://localhost.example.com', false],
    ['http://128.0.0.1', false],
    ['ftp://localhost', false],
  ];
  for (const [url, secure] of cases) {
    it(`${url} is ${secure ? '' : 'not '}accepted`, () => {
      expect(isSecureOrigin(new URL(url))).to.equal(secure);
    });
  }
});

// The scenario numbers in their written form are the same ones.
describe('the test numbers', () => {
  it('match the mock scenario table', () => {
    expect(NUMBERS.slow.replaceAll(' ', '')).to.equal(E164.slow);
  });
});

// The token from the host's endpoint (token-url): a stubbed endpoint (test/support/token-endpoint.ts), the real mock API.
describe('createSpacesClient with a token endpoint', () => {
  let api: MockApi;
  const client = (tokenUrl: string, options: Partial<SpacesClientOptions> = {}) => createSpacesClient({ apiBase: api.apiBase, tokenUrl, ...options });
  const grant = (token: string, tokenType?: string): TokenAnswer => json({ access_token: token, ...(tokenType ? { token_type: tokenType } : {}), expires_in: 3599 });
  const SECRET = 'refresh-token-s3cr3t-4d1e';

  beforeEach(() => {
    api = mockApi();
    clearTokenCache();
  });
  afterEach(() => {
    restoreTokenEndpoints();
    sinon.restore();
  });

  describe('the Authorization header', () => {
    it('carries the endpoint’s token with its token_type, over the button’s token-type', async () => {
      const endpoint = fakeTokenEndpoint(grant('endpoint-token', 'bearer'));

      const outcome = await client(endpoint.url, { tokenType: 'jwt' }).placeCall({ address: E164.success });

      expect(outcome.ok).to.equal(true);
      expect((await api.requests())[0]).to.include({ scheme: 'bearer', token: 'endpoint-token' });
    });

    it('uses the button’s token-type when the endpoint names none', async () => {
      const endpoint = fakeTokenEndpoint(grant('endpoint-token'));

      await client(endpoint.url, { tokenType: 'bearer' }).placeCall({ address: E164.success });
      await client(endpoint.url).placeCall({ address: E164.success });

      expect((await api.requests()).map((r) => r.scheme)).to.deep.equal(['bearer', 'jwt']);
    });

    it('is the only place the token goes: no request URL carries it', async () => {
      const endpoint = fakeTokenEndpoint(grant('endpoint-token-7c3a', 'bearer'));
      const fetchSpy = window.fetch as sinon.SinonStub;

      await client(endpoint.url).placeCall({ address: E164.success });

      const urls = fetchSpy.args.map(([input]) => (input instanceof Request ? input.url : String(input)));
      expect(urls).to.have.length(2);
      for (const url of urls) expect(url).not.to.contain('endpoint-token-7c3a');
    });

    it('a second call uses the cached token without asking the endpoint', async () => {
      const endpoint = fakeTokenEndpoint(grant('endpoint-token', 'bearer'));

      await client(endpoint.url).placeCall({ address: E164.success });
      await client(endpoint.url).placeCall({ address: E164.success });

      expect(endpoint.requests).to.have.length(1);
      expect(await api.requests()).to.have.length(2);
    });

    it('a page’s token provider is asked instead of the endpoint', async () => {
      const endpoint = fakeTokenEndpoint(grant('endpoint-token'));

      await client(endpoint.url, { getToken: () => 'provider-token' }).placeCall({ address: E164.success });

      expect(endpoint.requests).to.have.length(0);
      expect((await api.requests())[0]).to.include({ token: 'provider-token' });
    });
  });

  describe('when the API rejects the token (401)', () => {
    it('fetches the token again once, bypassing the cache, and retries once', async () => {
      const endpoint = fakeTokenEndpoint(grant(EXPIRED_TOKEN, 'bearer'), grant('fresh-token', 'bearer'));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      expect(outcome.ok).to.equal(true);
      expect(endpoint.requests).to.have.length(2);
      expect((await api.requests()).map((r) => r.token)).to.deep.equal([EXPIRED_TOKEN, 'fresh-token']);
    });

    it('the fresh token replaces the rejected one in the cache: the next call asks the endpoint no more', async () => {
      const endpoint = fakeTokenEndpoint(grant(EXPIRED_TOKEN, 'bearer'), grant('fresh-token', 'bearer'));
      await client(endpoint.url).placeCall({ address: E164.tokenExpired });
      const before = endpoint.requests.length;

      await client(endpoint.url).placeCall({ address: E164.success });

      expect(before).to.equal(2);
      expect(endpoint.requests).to.have.length(2);
      expect((await api.requests()).map((r) => r.token)).to.deep.equal([EXPIRED_TOKEN, 'fresh-token', 'fresh-token']);
    });

    it('reports unauthorized after one retry when the fresh token is rejected too', async () => {
      const endpoint = fakeTokenEndpoint(grant('any-token'));

      const outcome = await client(endpoint.url).placeCall({ address: E164.tokenExpired });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'unauthorized', status: 401 });
      expect(endpoint.requests).to.have.length(2);
      expect(await api.requests()).to.have.length(2);
    });

    it('is signed-out when the endpoint then says the user is signed out', async () => {
      const endpoint = fakeTokenEndpoint(grant(EXPIRED_TOKEN), json({ sign_in_url: '/spaces/sign-in' }, 401));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'signed-out', signInUrl: new URL('/spaces/sign-in', endpoint.url).href });
      expect(await api.requests()).to.have.length(1);
    });
  });

  describe('when the endpoint gives no token, nothing is sent to the API', () => {
    it('401 with sign_in_url is signed-out, with the English message and the sign-in address', async () => {
      const endpoint = fakeTokenEndpoint(json({ error: SECRET, sign_in_url: 'https://sso.crm.example.com/spaces/sign-in' }, 401));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      if (outcome.ok) throw new Error('expected a failure');
      expect(outcome.error).to.deep.equal({
        kind: 'signed-out',
        signInUrl: 'https://sso.crm.example.com/spaces/sign-in',
        message: 'Sign in to Avaya Spaces to call.',
      });
      expect(await api.requests()).to.have.length(0);
    });

    it('403 without a sign-in address is signed-out without one', async () => {
      const endpoint = fakeTokenEndpoint(json({}, 403));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.equal({ kind: 'signed-out', message: 'Sign in to Avaya Spaces to call.' });
      expect(await api.requests()).to.have.length(0);
    });

    it('500 is token-unavailable, with the status in the message and not the body', async () => {
      const endpoint = fakeTokenEndpoint(json({ message: `refresh failed: ${SECRET}` }, 500));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      if (outcome.ok) throw new Error('expected a failure');
      expect(outcome.error).to.deep.equal({
        kind: 'token-unavailable',
        status: 500,
        message: 'The sign-in service could not give an access token (HTTP 500), so no call was placed.',
      });
      expect(JSON.stringify(outcome)).not.to.contain(SECRET);
      expect(await api.requests()).to.have.length(0);
    });

    it('an answer that is not JSON is token-unavailable, without the body', async () => {
      const endpoint = fakeTokenEndpoint(text(`<p>Session ${SECRET}</p>`));

      const outcome = await client(endpoint.url).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.include({ kind: 'token-unavailable', status: 200 });
      expect(JSON.stringify(outcome)).not.to.contain(SECRET);
      expect(await api.requests()).to.have.length(0);
    });

    it('an endpoint that cannot be reached is token-unavailable, saying so', async () => {
      const port = await closedPort();

      const outcome = await client(`http://127.0.0.1:${port}/spaces/token`).placeCall({ address: E164.success });

      expect(!outcome.ok && outcome.error).to.deep.equal({
        kind: 'token-unavailable',
        message: 'The sign-in service could not be reached for an access token, so no call was placed.',
      });
      expect(await api.requests()).to.have.length(0);
    });
  });
});
