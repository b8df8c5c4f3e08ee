/**
 * Resolving a call's settings (src/api/call-settings.ts), for what following a call adds: `answer-timeout` and
 * `live` with its channel URL (`socket-url`). Pure, except for the `<meta>` page defaults at the end.
 */
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { resolveCallSettings, type ButtonSettings, type CallSettings } from '../../src/api/call-settings.js';
import { configureSpacesCallButtons, pageDefaults, type SpacesCallButtonDefaults } from '../../src/page/page-defaults.js';
import { addPageMeta } from '../support/page-meta.js';

const PAGE = 'https://crm.example.com/contacts/42';
const PRODUCTION_CHANNEL = 'wss://spacesapis-socket.avayacloud.com/chat';
const STAGING_CHANNEL = 'wss://loganstagingapis-socket.esna.com/chat';

function resolve(own: ButtonSettings = {}, defaults: SpacesCallButtonDefaults = {}, baseUri = PAGE) {
  return resolveCallSettings({ token: 'tok-123', ...own }, defaults, baseUri);
}

function settingsOf(own: ButtonSettings = {}, defaults: SpacesCallButtonDefaults = {}, baseUri = PAGE): CallSettings {
  const resolved = resolve(own, defaults, baseUri);
  if (!resolved.ok) throw new Error(`unexpected error: ${resolved.error.message}`);
  return resolved.settings;
}

/** The channel as a plain value: its URL's text, or why it cannot be used. */
function channelOf(own: ButtonSettings = {}, defaults: SpacesCallButtonDefaults = {}, baseUri = PAGE) {
  const { live } = settingsOf(own, defaults, baseUri);
  if (!live) return undefined;
  return 'url' in live ? { url: live.url.href } : live;
}

describe('resolveCallSettings', () => {
  describe('answer-timeout', () => {
    it('is 60 seconds unless set', () => {
      expect(settingsOf().answerTimeout).to.equal(60_000);
    });

    it('is the button’s own, else the page’s', () => {
      expect(settingsOf({ answerTimeout: 30_000 }, { answerTimeout: 45_000 }).answerTimeout).to.equal(30_000);
      expect(settingsOf({}, { answerTimeout: 45_000 }).answerTimeout).to.equal(45_000);
    });

    for (const answerTimeout of [0, -1, NaN, Infinity, -Infinity]) {
      it(`${answerTimeout} is a bad-config error naming answer-timeout`, () => {
        const resolved = resolve({ answerTimeout });

        expect(resolved.ok).to.equal(false);
        if (resolved.ok) return;
        expect(resolved.error.kind).to.equal('bad-config');
        expect(resolved.error.problem).to.contain('answer-timeout');
      });
    }

    it('a bad page default is a bad-config error too (a <meta> tag that is not a number)', () => {
      const resolved = resolve({}, { answerTimeout: Number('one minute') });
      expect(resolved.ok || resolved.error.kind).to.equal('bad-config');
    });
  });

  describe('live', () => {
    it('is absent unless asked for', () => {
      expect(settingsOf()).not.to.have.property('live');
      expect(settingsOf({ live: false })).not.to.have.property('live');
    });

    it('a button’s own live="false" wins over the page’s', () => {
      expect(settingsOf({ live: false }, { live: true })).not.to.have.property('live');
    });

    it('a page default turns it on for every button', () => {
      expect(channelOf({}, { live: true })).to.deep.equal({ url: PRODUCTION_CHANNEL });
    });

    describe('the channel URL, without socket-url', () => {
      it('is production’s by default', () => {
        expect(channelOf({ live: true })).to.deep.equal({ url: PRODUCTION_CHANNEL });
      });

      it('is staging’s for environment="staging", in any case', () => {
        expect(channelOf({ live: true, environment: 'staging' })).to.deep.equal({ url: STAGING_CHANNEL });
        expect(channelOf({ live: true, environment: 'Staging' })).to.deep.equal({ url: STAGING_CHANNEL });
        expect(channelOf({ live: true }, { environment: 'staging' })).to.deep.equal({ url: STAGING_CHANNEL });
      });

      it('is production’s when a whitespace-only socket-url is given', () => {
        expect(channelOf({ live: true, socketUrl: '   ' })).to.deep.equal({ url: PRODUCTION_CHANNEL });
      });
    });

    describe('the channel URL, with socket-url', () => {
      const cases: [socketUrl: string, baseUri: string, url: string][] = [
        ['wss://proxy.example.com/chat', PAGE, 'wss://proxy.example.com/chat'],
        ['https://proxy.example.com/chat', PAGE, 'wss://proxy.example.com/chat'],
        ['  https://proxy.example.com/chat  ', PAGE, 'wss://proxy.example.com/chat'],
        ['/realtime/chat', PAGE, 'wss://crm.example.com/realtime/chat'],
        ['chat', PAGE, 'wss://crm.example.com/contacts/chat'],
        ['//sockets.example.com/chat', PAGE, 'wss://sockets.example.com/chat'],
        ['http://localhost:8000/chat', PAGE, 'ws://localhost:8000/chat'],
        ['ws://127.0.0.1:8000/chat', PAGE, 'ws://127.0.0.1:8000/chat'],
        ['ws://[::1]:8000/chat', PAGE, 'ws://[::1]:8000/chat'],
        ['/chat', 'http://localhost:8000/demo/', 'ws://localhost:8000/chat'],
      ];
      for (const [socketUrl, baseUri, url] of cases) {
        it(`"${socketUrl}" on ${baseUri} is ${url}`, () => {
          expect(channelOf({ live: true, socketUrl }, {}, baseUri)).to.deep.equal({ url });
        });
      }

      it('is the button’s own, else the page’s', () => {
        const defaults = { live: true, socketUrl: 'wss://page.example.com/chat' };
        expect(channelOf({ socketUrl: 'wss://own.example.com/chat' }, defaults)).to.deep.equal({ url: 'wss://own.example.com/chat' });
        expect(channelOf({}, defaults)).to.deep.equal({ url: 'wss://page.example.com/chat' });
      });

      it('wins over the environment', () => {
        expect(channelOf({ live: true, environment: 'staging', socketUrl: 'wss://proxy.example.com/chat' })).to.deep.equal({
          url: 'wss://proxy.example.com/chat',
        });
      });
    });

    describe('a channel that cannot be used', () => {
      const insecure: [socketUrl: string, baseUri: string][] = [
        ['ws://proxy.example.com/chat', PAGE],
        ['http://proxy.example.com/chat', PAGE],
        ['/chat', 'http://crm.example.com/contacts/42'],
        ['ws://192.168.1.10/chat', PAGE],
        ['ws://localhost.example.com/chat', PAGE],
        ['ftp://proxy.example.com/chat', PAGE],
        ['javascript:alert(1)', PAGE],
        ['data:text/plain,hello', PAGE],
        ['wss://', PAGE],
        ['https://[not-an-ip/chat', PAGE],
      ];
      for (const [socketUrl, baseUri] of insecure) {
        it(`"${socketUrl}" on ${baseUri} is reported as insecure-url`, () => {
          expect(channelOf({ live: true, socketUrl }, {}, baseUri)).to.deep.equal({ unavailable: 'insecure-url' });
        });
      }

      it('never stops the call: the settings still resolve', () => {
        const resolved = resolve({ live: true, socketUrl: 'ws://proxy.example.com/chat' });
        expect(resolved.ok).to.equal(true);
      });
    });
  });
});

describe('live settings from <meta> tags', () => {
  const metas: HTMLMetaElement[] = [];
  function addMeta(name: string, content: string): HTMLMetaElement {
    const meta = addPageMeta(name, content);
    metas.push(meta);
    return meta;
  }
  /** The meta tags are watched: a change is read again after the observer has seen it. */
  const observed = () => new Promise((resolve) => setTimeout(resolve));

  before(() => {
    addMeta('live', 'true');
    addMeta('socket-url', '/realtime/chat');
    addMeta('answer-timeout', '45000');
  });
  after(() => {
    for (const meta of metas) meta.remove();
    configureSpacesCallButtons({ live: undefined });
  });

  it('live="true", socket-url and answer-timeout become page defaults', () => {
    expect(pageDefaults()).to.include({ live: true, socketUrl: '/realtime/chat', answerTimeout: 45_000 });
  });

  it('give a channel relative to the page and the answer timeout', () => {
    const settings = settingsOf({}, pageDefaults(), 'https://crm.example.com/contacts/42');
    expect(settings.answerTimeout).to.equal(45_000);
    expect(settings.live && 'url' in settings.live && settings.live.url.href).to.equal('wss://crm.example.com/realtime/chat');
  });

  it('live with any other content than "true" is off', async () => {
    const live = metas.find((meta) => meta.name === 'spaces-call-button:live')!;
    for (const content of ['false', '', 'yes']) {
      live.content = content;
      await observed();
      expect(pageDefaults().live, content).to.equal(false);
    }
    live.content = 'true';
    await observed();
    expect(pageDefaults().live).to.equal(true);
  });

  it('configureSpacesCallButtons({ live: false }) overrides the meta tag', () => {
    configureSpacesCallButtons({ live: false });
    expect(settingsOf({}, pageDefaults())).not.to.have.property('live');
    configureSpacesCallButtons({ live: undefined });
    expect(pageDefaults().live).to.equal(true);
  });
});

describe('the token source', () => {
  const ownGetToken = () => 'own-provider-token';
  const pageGetToken = () => 'page-provider-token';
  const OWN = { getToken: ownGetToken, tokenUrl: 'https://own.example.com/spaces/token', token: 'own-token' };
  const PAGE_LEVEL = { getToken: pageGetToken, tokenUrl: 'https://page.example.com/spaces/token', token: 'page-token' };

  /** The one token source of the settings, from resolveCallSettings itself (no default token added). */
  function sourceOf(own: ButtonSettings, defaults: SpacesCallButtonDefaults, baseUri = PAGE) {
    const resolved = resolveCallSettings(own, defaults, baseUri);
    if (!resolved.ok) throw new Error(`unexpected error: ${resolved.error.message}`);
    const { getToken, tokenUrl, token } = resolved.settings;
    return { ...(getToken ? { getToken } : {}), ...(tokenUrl ? { tokenUrl } : {}), ...(token ? { token } : {}) };
  }

  describe('a button’s own settings before the page’s, and at each level getToken, then token-url, then token', () => {
    const cases: [what: string, own: ButtonSettings, defaults: SpacesCallButtonDefaults, source: object][] = [
      ['own getToken', OWN, PAGE_LEVEL, { getToken: ownGetToken }],
      ['own token-url', { tokenUrl: OWN.tokenUrl, token: OWN.token }, PAGE_LEVEL, { tokenUrl: OWN.tokenUrl }],
      ['own token', { token: OWN.token }, PAGE_LEVEL, { token: OWN.token }],
      ['page getToken', {}, PAGE_LEVEL, { getToken: pageGetToken }],
      ['page token-url', {}, { tokenUrl: PAGE_LEVEL.tokenUrl, token: PAGE_LEVEL.token }, { tokenUrl: PAGE_LEVEL.tokenUrl }],
      ['page token', {}, { token: PAGE_LEVEL.token }, { token: PAGE_LEVEL.token }],
    ];
    for (const [what, own, defaults, source] of cases) {
      it(`${what} is the only source`, () => {
        expect(sourceOf(own, defaults)).to.deep.equal(source);
      });
    }

    it('a button’s own token wins over the page’s provider and endpoint', () => {
      expect(sourceOf({ token: 'own-token' }, { getToken: pageGetToken, tokenUrl: PAGE_LEVEL.tokenUrl })).to.deep.equal({ token: 'own-token' });
    });

    it('a blank token-url is no source: the next one applies', () => {
      expect(sourceOf({ tokenUrl: '   ', token: 'own-token' }, PAGE_LEVEL)).to.deep.equal({ token: 'own-token' });
      expect(sourceOf({ tokenUrl: '' }, { tokenUrl: PAGE_LEVEL.tokenUrl })).to.deep.equal({ tokenUrl: PAGE_LEVEL.tokenUrl });
    });

    it('none at all is no source', () => {
      expect(sourceOf({}, {})).to.deep.equal({});
    });
  });

  describe('token-url', () => {
    const cases: [tokenUrl: string, baseUri: string, resolved: string][] = [
      ['https://sso.example.com/spaces/token', PAGE, 'https://sso.example.com/spaces/token'],
      ['  https://sso.example.com/spaces/token  ', PAGE, 'https://sso.example.com/spaces/token'],
      ['/spaces/token', PAGE, 'https://crm.example.com/spaces/token'],
      ['/spaces/token', 'http://localhost:8000/app/', 'http://localhost:8000/spaces/token'],
      ['/spaces/token', 'http://127.0.0.1:5173/', 'http://127.0.0.1:5173/spaces/token'],
      ['token', 'http://[::1]:8000/spaces/', 'http://[::1]:8000/spaces/token'],
      ['http://localhost:3000/spaces/token', PAGE, 'http://localhost:3000/spaces/token'],
    ];
    for (const [tokenUrl, baseUri, resolved] of cases) {
      it(`"${tokenUrl}" on ${baseUri} is ${resolved}`, () => {
        expect(sourceOf({ tokenUrl }, {}, baseUri)).to.deep.equal({ tokenUrl: resolved });
      });
    }

    describe('that is not https or loopback is insecure-endpoint, with no request', () => {
      afterEach(() => sinon.restore());

      const insecure: [tokenUrl: string, baseUri: string, origin: string][] = [
        ['http://example.com/token', PAGE, 'http://example.com'],
        ['/spaces/token', 'http://crm.example.com/contacts/42', 'http://crm.example.com'],
        ['http://192.168.1.10/token', PAGE, 'http://192.168.1.10'],
        ['http://localhost.example.com/token', PAGE, 'http://localhost.example.com'],
        ['ftp://localhost/token', PAGE, 'ftp://localhost'],
      ];
      for (const [tokenUrl, baseUri, origin] of insecure) {
        it(`"${tokenUrl}" on ${baseUri}`, () => {
          const fetchSpy = sinon.spy(window, 'fetch');

          const resolved = resolveCallSettings({ tokenUrl }, {}, baseUri);

          expect(resolved.ok || resolved.error).to.deep.include({ kind: 'insecure-endpoint', origin });
          expect(fetchSpy.called).to.equal(false);
        });
      }

      it('a javascript: token-url too', () => {
        const resolved = resolveCallSettings({ tokenUrl: 'javascript:alert(1)' }, {}, PAGE);
        expect(resolved.ok || resolved.error.kind).to.equal('insecure-endpoint');
      });

      it('is not replaced by the token of the same level or the page’s', () => {
        const resolved = resolveCallSettings({ tokenUrl: 'http://example.com/token', token: 'own-token' }, { token: 'page-token' }, PAGE);
        expect(resolved.ok || resolved.error.kind).to.equal('insecure-endpoint');
      });

      it('on the page is no error when the button has its own token', () => {
        expect(sourceOf({ token: 'own-token' }, { tokenUrl: 'http://example.com/token' })).to.deep.equal({ token: 'own-token' });
      });
    });
  });

  describe('sign-in-url', () => {
    const signInOf = (own: ButtonSettings, defaults: SpacesCallButtonDefaults = {}, baseUri = PAGE) => settingsOf(own, defaults, baseUri).signInUrl;

    it('is resolved against the page', () => {
      expect(signInOf({ signInUrl: '/spaces/sign-in' })).to.equal('https://crm.example.com/spaces/sign-in');
    });

    it('is the button’s own, else the page’s', () => {
      expect(signInOf({ signInUrl: 'https://own.example.com/sign-in' }, { signInUrl: 'https://page.example.com/sign-in' })).to.equal(
        'https://own.example.com/sign-in',
      );
      expect(signInOf({}, { signInUrl: 'https://page.example.com/sign-in' })).to.equal('https://page.example.com/sign-in');
    });

    for (const signInUrl of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', '']) {
      it(`${JSON.stringify(signInUrl)} is dropped, and the call still resolves`, () => {
        const resolved = resolve({ signInUrl });
        expect(resolved.ok).to.equal(true);
        expect(resolved.ok && resolved.settings).not.to.have.property('signInUrl');
      });
    }
  });
});

describe('page-level token + per-button origin: the page’s token goes only to the page’s own API and channel', () => {
  const PAGE_TOKENS: [what: string, defaults: SpacesCallButtonDefaults][] = [
    ['token', { token: 'page-token' }],
    ['token-url', { tokenUrl: '/spaces/token' }],
    ['getToken', { getToken: () => 'page-provider-token' }],
  ];
  const OWN_TOKENS: [what: string, own: ButtonSettings][] = [
    ['token', { token: 'own-token' }],
    ['token-url', { tokenUrl: 'https://attacker.example/token' }],
    ['getToken', { getToken: () => 'own-provider-token' }],
  ];

  /** The setting a bad-config error blames, or 'ok'. */
  function blamed(own: ButtonSettings, defaults: SpacesCallButtonDefaults): string {
    const resolved = resolveCallSettings(own, defaults, PAGE);
    if (resolved.ok) return 'ok';
    expect(resolved.error.kind, resolved.error.message).to.equal('bad-config');
    return resolved.error.problem!.split(' ')[0];
  }

  for (const [what, page] of PAGE_TOKENS) {
    describe(`with the page’s ${what}`, () => {
      it('a button’s own api-base on another origin is a bad-config error that says why', () => {
        const resolved = resolveCallSettings({ apiBase: 'https://attacker.example' }, page, PAGE);

        expect(resolved.ok).to.equal(false);
        if (resolved.ok) return;
        expect(resolved.error).to.deep.include({
          kind: 'bad-config',
          problem: 'api-base names another origin than the page’s, and the page’s token is not sent there: give this button its own token, token-url or getToken',
        });
        expect(resolved.error.message).to.equal(
          'The button is misconfigured: api-base names another origin than the page’s, and the page’s token is not sent there: give this button its own token, token-url or getToken.',
        );
      });

      it('a button’s own socket-url on another origin, when it follows calls live, is a bad-config error naming socket-url', () => {
        expect(blamed({ live: true, socketUrl: 'wss://attacker.example/chat' }, page)).to.equal('socket-url');
        expect(blamed({ socketUrl: 'wss://attacker.example/chat' }, { ...page, live: true })).to.equal('socket-url');
      });

      it('a button’s own socket-url without live is no error: nothing is sent there', () => {
        expect(blamed({ socketUrl: 'wss://attacker.example/chat' }, page)).to.equal('ok');
      });

      it('the page’s own api-base and socket-url, given again on the button (another path), are the page’s', () => {
        const defaults = { ...page, apiBase: 'https://proxy.example.com/spaces', socketUrl: 'wss://proxy.example.com/chat' };
        expect(blamed({ apiBase: 'https://proxy.example.com/other', socketUrl: 'https://proxy.example.com/realtime', live: true }, defaults)).to.equal('ok');
      });

      it('without a page api-base, the page’s environment’s Spaces origins are the page’s', () => {
        expect(blamed({ apiBase: 'https://spacesapis.avayacloud.com/api', live: true, socketUrl: 'wss://spacesapis-socket.avayacloud.com/chat' }, page)).to.equal('ok');
        expect(blamed({ apiBase: 'https://loganstagingapis.esna.com' }, { ...page, environment: 'staging' })).to.equal('ok');
      });

      it('another scheme or port of the same host is another origin', () => {
        expect(blamed({ apiBase: 'https://spacesapis.avayacloud.com:8443' }, page)).to.equal('api-base');
        expect(blamed({ apiBase: 'http://localhost:8000/mock' }, { ...page, apiBase: 'http://localhost:8001/mock' })).to.equal('api-base');
        expect(blamed({ apiBase: 'http://127.0.0.1:8000/mock' }, { ...page, apiBase: 'http://localhost:8000/mock' })).to.equal('api-base');
      });

      it('a relative api-base is the page’s when it resolves to the page’s api-base origin', () => {
        expect(blamed({ apiBase: '/mock/other' }, { ...page, apiBase: '/mock/session' })).to.equal('ok');
        expect(blamed({ apiBase: '/mock/other' }, page), 'the page’s API is production’s, not the page itself').to.equal('api-base');
      });

      it('a button’s own environment naming another Spaces environment is another origin, blamed on environment', () => {
        expect(blamed({ environment: 'staging' }, page)).to.equal('environment');
        expect(blamed({ environment: 'production' }, { ...page, environment: 'staging' })).to.equal('environment');
        expect(blamed({ environment: 'Production' }, page), 'the same environment').to.equal('ok');
      });

      it('with a page api-base, a button’s own environment changes only the channel: an error only with live', () => {
        const defaults = { ...page, apiBase: 'https://proxy.example.com/spaces' };
        expect(blamed({ environment: 'staging' }, defaults)).to.equal('ok');
        expect(blamed({ environment: 'staging', live: true }, defaults)).to.equal('environment');
      });

      it('a page whose buttons set no origin of their own works as before, live or not', () => {
        expect(blamed({}, page)).to.equal('ok');
        expect(blamed({ live: true }, { ...page, apiBase: '/mock/session', socketUrl: '/chat', environment: 'staging' })).to.equal('ok');
      });

      for (const [ownWhat, own] of OWN_TOKENS) {
        it(`a button with its own ${ownWhat} may use its own api-base and socket-url, with its own token source`, () => {
          const resolved = resolveCallSettings({ ...own, apiBase: 'https://attacker.example', live: true, socketUrl: 'wss://attacker.example/chat' }, page, PAGE);

          expect(resolved.ok).to.equal(true);
          if (!resolved.ok) return;
          expect(resolved.settings.apiBase).to.equal('https://attacker.example/');
          const { getToken, tokenUrl, token } = resolved.settings;
          expect({ getToken, tokenUrl, token }).to.deep.equal({ getToken: own.getToken, tokenUrl: own.tokenUrl, token: own.token });
        });
      }
    });
  }

  it('without any token, a button’s own api-base is no bad-config error (there is no token to send)', () => {
    expect(blamed({ apiBase: 'https://attacker.example' }, {})).to.equal('ok');
  });
});
