/**
 * Hardening (#5), secrets: after every representative scenario — success, each mock failure, hostile
 * answers, the token provider path — a distinctive token appears in no URL the page requested, no console
 * message, no event detail, no `el.error`, and no DOM text or attribute (other than the `token` attribute
 * the test itself set; with a token provider, nowhere in the DOM at all). A server echoing the token is
 * scrubbed. A non-https, non-loopback API origin is refused, also when a redirect points to one.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import { configureSpacesCallButtons, type SpacesCallButton } from '../../src/spaces-call-button.js';
import { hostileApi, type HostileApi } from '../support/hostile-api.js';
import { mockApi, NUMBERS, until, type MockApi } from '../support/mock-api.js';
import { sleep, watchPageErrors } from '../support/page-watch.js';

const TOKEN = 'tok-SECRET-9f8e7d';
/** A long opaque token, as OAuth servers issue: a server message cut at 200 characters must not keep a piece of it. */
const LONG_TOKEN = `tok-SECRET-${'9f8e7d6c5b4a3'.repeat(24)}`;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Pieces of a token long enough to matter: every 16-character window. */
const piecesOf = (token: string) => Array.from({ length: token.length - 15 }, (_, i) => token.slice(i, i + 16));

describe('hardening: the token stays secret', () => {
  let mock: MockApi;
  let hostile: HostileApi;
  let watch: ReturnType<typeof watchPageErrors>;
  const urls: string[] = [];
  const consoleLines: string[] = [];
  const details: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();
  let observer: PerformanceObserver;
  let checked = 0;
  let places = 0;

  const onEvent = (event: Event) => details.push(JSON.stringify((event as CustomEvent).detail));

  before(() => {
    performance.setResourceTimingBufferSize(100_000);
    observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => urls.push(entry.name)));
    observer.observe({ type: 'resource', buffered: true });
    for (const method of CONSOLE_METHODS) {
      const original = console[method] as (...args: unknown[]) => void;
      originals.set(method, original);
      console[method] = (...args: unknown[]) => {
        consoleLines.push(args.map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg))).join(' '));
        original.apply(console, args);
      };
    }
    for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error']) document.addEventListener(type, onEvent);
  });
  after(() => {
    observer.disconnect();
    for (const method of CONSOLE_METHODS) console[method] = originals.get(method)! as never;
    for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error']) document.removeEventListener(type, onEvent);
    console.log(`RELIABILITY: secrets: ${checked} scenarios checked, the token found in ${places} places`);
  });
  beforeEach(() => {
    mock = mockApi();
    hostile = hostileApi();
    watch = watchPageErrors();
    consoleLines.length = 0;
    details.length = 0;
  });
  afterEach(() => {
    watch.stop();
    configureSpacesCallButtons({ token: undefined, getToken: undefined, apiBase: undefined });
  });

  /** Every place the token must not be, with what was found there. */
  async function leaksOf(el: SpacesCallButton, token: string, { ownAttribute }: { ownAttribute: boolean }): Promise<string[]> {
    await sleep(30); // let the last resource entries arrive
    const found = (where: string, text: string | null | undefined) =>
      text && piecesOf(token).some((piece) => text.includes(piece)) ? [`${where}: ${text.slice(0, 300)}`] : [];
    const page = document.documentElement.cloneNode(true) as HTMLElement;
    if (ownAttribute) page.querySelectorAll('[token]').forEach((node) => node.removeAttribute('token'));
    return [
      ...urls.flatMap((url) => found('requested URL', url)),
      ...consoleLines.flatMap((line) => found('console', line)),
      ...details.flatMap((detail) => found('event detail', detail)),
      ...watch.errors.flatMap((error) => found('page error', error)),
      ...found('el.error', JSON.stringify(el.error)),
      ...found('shadow DOM', el.shadowRoot!.innerHTML),
      ...found('page DOM', page.outerHTML),
      ...found('storage', JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie),
    ];
  }

  async function check(el: SpacesCallButton, token = TOKEN, ownAttribute = true) {
    const leaks = await leaksOf(el, token, { ownAttribute });
    checked++;
    places += leaks.length;
    expect(leaks).to.deep.equal([]);
  }

  const render = (number: string, apiBase: string, attributes: { timeout?: string; token?: string } = {}) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      default-country="GB"
      api-base=${apiBase}
      token=${attributes.token ?? TOKEN}
      timeout=${attributes.timeout ?? '3000'}
      reset-delay="60000"
    ></spaces-call-button>`);
  const renderWithoutToken = (number: string, apiBase: string) =>
    fixture<SpacesCallButton>(html`<spaces-call-button number=${number} default-country="GB" api-base=${apiBase} timeout="3000" reset-delay="60000"></spaces-call-button>`);

  async function call(el: SpacesCallButton) {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => el.status !== 'placing' && el.status !== 'idle', 'the call to end', 6000);
    await el.updateComplete;
  }

  describe('with a token attribute, against the mock API', () => {
    for (const [name, number] of Object.entries(NUMBERS)) {
      it(`${name} (${number})`, async () => {
        const el = await render(number, mock.apiBase, { timeout: name === 'slow' ? '300' : '3000' });
        await call(el);
        expect((await mock.requests())[0]?.token, 'the token was sent').to.equal(TOKEN);
        await check(el);
      });
    }
  });

  describe('with a token attribute, against hostile answers', () => {
    for (const [name, arg] of [
      ['echo-token', undefined],
      ['echo-token-status', '401'],
      ['echo-token-status', '403'],
      ['echo-token-status', '404'],
      ['echo-token-status', '418'],
      ['echo-token-status', '429'],
      ['echo-token-status', '500'],
      ['body', 'html-page'],
      ['body', 'error-markup'],
      ['redirect-same-origin', undefined],
      ['redirect-other-origin', undefined],
      ['redirect-insecure', undefined],
      ['reset-mid-body', undefined],
      ['status', '204'],
    ] as const) {
      it(`${name}${arg ? ` ${arg}` : ''}`, async () => {
        const el = await render('020 7946 0958', hostile.base(name, arg));
        await call(el);
        expect(el.status).to.equal('error');
        await check(el);
      });
    }

    it('a server message that repeats the token is shown with the token hidden', async () => {
      const el = await render('020 7946 0958', hostile.base('echo-token'));
      await call(el);
      expect(el.error!.message).to.contain('The token [token] is not valid');
      await check(el);
    });

    // Regression (was a bug): the server message was cut to 200 characters before the token was hidden (readServerMessage, then
    // replaceAll in readOutcome), so a long token echoed near the end of the cut survives in part: with a
    // 323-character token and "x"×20 + token, the message shows the token's first 180 characters.
    it('a long token echoed across the 200-character cut of a message leaves no piece of itself', async () => {
      const el = await render('020 7946 0958', hostile.base('echo-token-cut', 20), { token: LONG_TOKEN });
      await call(el);
      expect(el.error).to.include({ kind: 'forbidden' });
      await check(el, LONG_TOKEN);
    });

    // Regression (was a bug): a 2xx answer that echoes the token (here as the callee's displayname and in another field) is shown
    // ("Calling tok-SECRET-9f8e7d…") and passed on whole in spaces-call-success's `detail.response` and
    // `detail.receivers`: the docs say events never carry the token. Expected: the token hidden there as in errors.
    it('a success answer that echoes the token does not put it in the DOM nor in the event', async () => {
      const el = await render('020 7946 0958', hostile.base('echo-token-success'));
      await call(el);
      expect(el.status).to.equal('calling');
      await check(el);
    });
  });

  describe('with a token provider and no token attribute: the token is nowhere in the DOM', () => {
    it('success', async () => {
      const el = await renderWithoutToken(NUMBERS.success, mock.apiBase);
      el.getToken = () => TOKEN;
      await call(el);
      expect(el.status).to.equal('calling');
      expect(el.token).to.equal(undefined);
      await check(el, TOKEN, false);
    });

    it('401 then refresh, rejected again', async () => {
      const el = await renderWithoutToken(NUMBERS.tokenExpired, mock.apiBase);
      el.getToken = ({ forceRefresh }) => Promise.resolve(forceRefresh ? `${TOKEN}-2` : TOKEN);
      await call(el);
      expect(el.error).to.include({ kind: 'unauthorized' });
      expect((await mock.requests()).map((r) => r.token)).to.deep.equal([TOKEN, `${TOKEN}-2`]);
      await check(el, TOKEN, false);
    });

    it('a server that echoes the token', async () => {
      const el = await renderWithoutToken('020 7946 0958', hostile.base('echo-token'));
      el.getToken = () => TOKEN;
      await call(el);
      await check(el, TOKEN, false);
    });

    it('a provider that throws an error naming the token', async () => {
      const el = await renderWithoutToken(NUMBERS.success, mock.apiBase);
      el.getToken = () => {
        throw new Error(`refresh failed for ${TOKEN}`);
      };
      await call(el);
      expect(el.error).to.include({ kind: 'no-token' });
      expect(await mock.requests()).to.deep.equal([]);
      await check(el, TOKEN, false);
    });

    it('a provider that rejects with the token', async () => {
      const el = await renderWithoutToken(NUMBERS.success, mock.apiBase);
      el.getToken = () => Promise.reject(TOKEN);
      await call(el);
      expect(el.error).to.include({ kind: 'no-token' });
      await check(el, TOKEN, false);
    });

    // The page's token goes only to the page's API: the page names the mock as its api-base.
    it('the page’s provider (configureSpacesCallButtons) and a 403', async () => {
      configureSpacesCallButtons({ getToken: () => TOKEN, apiBase: mock.apiBase });
      const el = await renderWithoutToken(NUMBERS.noLicense, mock.apiBase);
      await call(el);
      expect(el.error).to.include({ kind: 'forbidden' });
      await check(el, TOKEN, false);
    });

    it('the page’s token (configureSpacesCallButtons), with a bad token-type', async () => {
      configureSpacesCallButtons({ token: TOKEN, apiBase: mock.apiBase });
      const el = await renderWithoutToken(NUMBERS.success, mock.apiBase);
      el.setAttribute('token-type', 'basic');
      await call(el);
      expect(el.error).to.include({ kind: 'bad-config' });
      expect(el.error!.message).not.to.contain(TOKEN);
      await check(el, TOKEN, false);
    });
  });

  describe('an endpoint that is not safe for a token', () => {
    for (const apiBase of ['http://spaces.example.com', 'http://10.0.0.1:8080', 'http://localhost.example.com', 'http://[::ffff:7f00:1]']) {
      it(`${apiBase}: insecure-endpoint, and no request leaves the page`, async () => {
        const el = await render(NUMBERS.success, apiBase);
        await call(el);
        expect(el.error).to.include({ kind: 'insecure-endpoint' });
        const host = new URL(apiBase).host;
        expect(urls.filter((url) => url.includes(host))).to.deep.equal([]);
        await check(el);
      });
    }

    it('reached by a redirect: redirect, and the other origin never receives the request nor the Authorization header', async () => {
      for (const name of ['redirect-insecure', 'redirect-other-origin']) {
        const el = await render('020 7946 0958', hostile.base(name));
        await call(el);
        expect(el.error).to.include({ kind: 'redirect' });
        await check(el);
      }
      expect(urls.filter((url) => url.includes('spaces.example.com'))).to.deep.equal([]);
      const requests = await hostile.requests();
      expect(requests.filter((r) => r.case === 'record')).to.deep.equal([]);
      expect(requests.map((r) => r.authorization)).to.deep.equal([`jwt ${TOKEN}`, `jwt ${TOKEN}`]);
    });
  });
});

function safeStringify(value: unknown): string {
  try {
    return value instanceof Error ? `${value.message} ${value.stack}` : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
