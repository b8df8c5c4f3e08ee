/**
 * Hardening, page-level token + per-button origin: a page whose token comes from its defaults (`<meta>` tags or
 * `configureSpacesCallButtons`) and a button with its own `api-base` or `socket-url` on another origin, as a script
 * injected anywhere in the page could add one. A real click over real HTTP: nothing reaches the other origin (no call
 * request, no token request, no WebSocket) and the button says why; the same button with its own token calls there.
 * The other origin is a second loopback origin of the same mock server (127.0.0.1 for a page on localhost, and the
 * other way round), under its own session, so that its log shows whatever reached it.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import '../../src/spaces-call-button.js';
import { configureSpacesCallButtons, type SpacesCallButton } from '../../src/spaces-call-button.js';
import type { CallErrorDetail } from '../../src/element/events.js';
import { mockApi, NUMBERS, realtimeLog, until, type MockApi } from '../support/mock-api.js';
import { addPageMeta } from '../support/page-meta.js';

const PAGE_TOKEN = 'page-token-8c1f';
const OWN_TOKEN = 'own-token-5b2e';
const REFUSED_API_BASE =
  'The button is misconfigured: api-base names another origin than the page’s, and the page’s token is not sent there: give this button its own token, token-url or getToken.';
const REFUSED_SOCKET_URL = REFUSED_API_BASE.replace('api-base', 'socket-url');

const button = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
const statusText = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent!.trim();

/** The same URL on this server's other loopback name: another origin that reaches the same mock. */
function otherOrigin(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = parsed.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return parsed.href;
}

/** A mock session on the other origin: its calls are logged as any session's. */
function otherOriginMockApi(): MockApi {
  const api = mockApi();
  return { ...api, apiBase: otherOrigin(api.apiBase) };
}

describe('hardening: page-level token + per-button origin', () => {
  let page: MockApi;
  let other: MockApi;
  /** Every URL the page fetched, and every WebSocket it opened, while a test ran. */
  let fetched: string[];
  let sockets: string[];
  const RealWebSocket = window.WebSocket;
  const metas: HTMLMetaElement[] = [];

  const meta = (name: string, content: string) => metas.push(addPageMeta(name, content));

  beforeEach(() => {
    page = mockApi();
    other = otherOriginMockApi();
    expect(new URL(other.apiBase).origin).not.to.equal(location.origin);
    fetched = [];
    sockets = [];
    const realFetch = window.fetch.bind(window);
    sinon.stub(window, 'fetch').callsFake((input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return realFetch(input, init);
    });
    window.WebSocket = class extends RealWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        sockets.push(String(url));
        super(url, protocols);
      }
    };
  });
  afterEach(async () => {
    sinon.restore();
    window.WebSocket = RealWebSocket;
    for (const element of metas.splice(0)) element.remove();
    configureSpacesCallButtons({ apiBase: undefined, token: undefined, tokenUrl: undefined, getToken: undefined, socketUrl: undefined });
    await new Promise((resolve) => setTimeout(resolve)); // the meta tags' removal is seen
  });

  /** What reached the other origin: URLs fetched there and sockets opened there. */
  const reachedOther = () => [...fetched, ...sockets].filter((url) => new URL(url, location.href).hostname === new URL(other.apiBase).hostname);

  /** Clicks and waits for the call's outcome, success or error, whichever comes. */
  async function click(el: SpacesCallButton): Promise<{ type: string; detail: Partial<CallErrorDetail> }> {
    const done = Promise.race([oneEvent(el, 'spaces-call-success'), oneEvent(el, 'spaces-call-error')]);
    button(el).click();
    const { type, detail } = await done;
    await el.updateComplete;
    return { type, detail };
  }

  async function refusal(el: SpacesCallButton): Promise<Partial<CallErrorDetail>> {
    const { type, detail } = await click(el);
    expect(type, `the call was placed: ${JSON.stringify(detail)}`).to.equal('spaces-call-error');
    return detail;
  }

  async function success(el: SpacesCallButton): Promise<void> {
    const { type, detail } = await click(el);
    expect(type, detail.message).to.equal('spaces-call-success');
  }

  it('the page’s token (configureSpacesCallButtons) is not sent to a button’s own api-base on another origin; with its own token it calls there', async () => {
    configureSpacesCallButtons({ apiBase: page.apiBase, token: PAGE_TOKEN });
    const el = await fixture<SpacesCallButton>(
      html`<spaces-call-button number=${NUMBERS.success} default-country="GB" api-base=${other.apiBase} reset-delay="60000"></spaces-call-button>`,
    );
    let started = false;
    el.addEventListener('spaces-call-start', () => (started = true));

    const error = await refusal(el);

    expect(error).to.include({ kind: 'bad-config', message: REFUSED_API_BASE });
    expect(statusText(el)).to.equal(REFUSED_API_BASE);
    expect(started, 'no spaces-call-start: nothing was about to be sent').to.equal(false);
    expect(reachedOther(), 'no request to the other origin').to.deep.equal([]);
    expect(fetched, 'no request at all').to.deep.equal([]);
    expect(await other.requests()).to.deep.equal([]);
    expect(await page.requests()).to.deep.equal([]);

    el.token = OWN_TOKEN;
    await success(el);

    const calls = await other.requests();
    expect(calls.map(({ token }) => token)).to.deep.equal([OWN_TOKEN]);
    expect(await page.requests()).to.deep.equal([]);
  });

  it('the page’s token-url (<meta>) is not even asked for a token for a button’s own api-base on another origin', async () => {
    meta('api-base', page.apiBase);
    meta('token-url', `${page.apiBase}/spaces/token`);
    const el = await fixture<SpacesCallButton>(
      html`<spaces-call-button number=${NUMBERS.success} default-country="GB" api-base=${other.apiBase} reset-delay="60000"></spaces-call-button>`,
    );

    const error = await refusal(el);

    expect(error).to.include({ kind: 'bad-config', message: REFUSED_API_BASE });
    expect(fetched, 'neither the token endpoint nor the other origin').to.deep.equal([]);
    const tokenLog: { path: string }[] = await (await fetch(`${page.apiBase}/spaces/__log`)).json();
    expect(tokenLog.filter(({ path }) => path.endsWith('/spaces/token'))).to.deep.equal([]);
    expect(await other.requests()).to.deep.equal([]);
  });

  it('the page’s token (<meta>) is not sent to a live button’s own socket-url on another origin: no call, no WebSocket; with its own token both work', async () => {
    meta('api-base', page.apiBase);
    meta('token', PAGE_TOKEN);
    const socketUrl = otherOrigin(new URL(`/chat?test=${crypto.randomUUID()}`, location.href).href);
    const el = await fixture<SpacesCallButton>(
      html`<spaces-call-button number=${NUMBERS.success} default-country="GB" live socket-url=${socketUrl} reset-delay="60000"></spaces-call-button>`,
    );

    const error = await refusal(el);

    expect(error).to.include({ kind: 'bad-config', message: REFUSED_SOCKET_URL });
    expect(statusText(el)).to.equal(REFUSED_SOCKET_URL);
    expect(sockets, 'no WebSocket').to.deep.equal([]);
    expect(fetched, 'no request').to.deep.equal([]);
    expect(await page.requests(), 'not even the call to the page’s own API').to.deep.equal([]);
    expect((await realtimeLog(page, PAGE_TOKEN)).entries).to.deep.equal([]);

    el.token = OWN_TOKEN;
    await success(el);

    expect((await page.requests()).map(({ token }) => token)).to.deep.equal([OWN_TOKEN]);
    await until(() => sockets.length > 0, 'the live channel');
    expect(new URL(sockets[0]).host).to.equal(new URL(socketUrl).host);
    expect(sockets[0]).to.contain(OWN_TOKEN).and.not.contain(PAGE_TOKEN);
  });
});
