/**
 * Hardening, secrets of the sign-in path: after signing in through the consent page, calling (live, so the
 * channel is used too), a refresh and a sign-out, the refresh token and the client secret are found nowhere
 * the page can read, and the access token nowhere but where it must go (the Authorization header and the
 * channel's query, neither of which the page can read back).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, NUMBERS, until, type MockApi } from '../support/mock-api.js';

const CLIENT_SECRET = 'mock-secret';
const REFRESH_TOKEN_PREFIX = 'mock-refresh-';
const EVENTS = ['spaces-call-start', 'spaces-call-success', 'spaces-call-error', 'spaces-call-update', 'spaces-call-end'];

/** Every text and attribute of a document, shadow roots included. */
function everythingIn(root: Document | ShadowRoot): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element) {
      for (const attribute of node.attributes) parts.push(attribute.value);
      if (node.shadowRoot) walk(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts.join('\n');
}

describe('hardening: the sign-in path keeps its secrets', () => {
  let api: MockApi;
  const seen: string[] = [];
  const onEvent = (event: Event) => seen.push(JSON.stringify((event as CustomEvent).detail));

  before(() => EVENTS.forEach((type) => document.addEventListener(type, onEvent)));
  after(() => EVENTS.forEach((type) => document.removeEventListener(type, onEvent)));
  beforeEach(() => (api = mockApi()));

  it('the refresh token and client secret never reach the page; the access token only goes where it must', async () => {
    const consoleLines: string[] = [];
    const original = console.log;
    const popupPages: string[] = [];
    let summary = '';
    console.log = (...args: unknown[]) => consoleLines.push(args.map(String).join(' '));
    try {
      const el = await fixture<SpacesCallButton>(html`<spaces-call-button
        number=${NUMBERS.success}
        api-base=${api.apiBase}
        token-url=${`${api.apiBase}/spaces/token`}
        live
        socket-url=${`/chat?test=${crypto.randomUUID()}`}
        default-country="GB"
        reset-delay="200"
      ></spaces-call-button>`);
      const signedOut = oneEvent(el, 'spaces-call-error');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
      await signedOut;
      await el.updateComplete;

      const popup = window.open(el.shadowRoot!.querySelector<HTMLAnchorElement>('[part=sign-in]')!.href, '_blank')!;
      await until(() => popup.document?.querySelector('button[value=accept]') !== null, 'the consent page', 10_000);
      popupPages.push(popup.location.href, everythingIn(popup.document));
      popup.document.querySelector<HTMLButtonElement>('button[value=accept]')!.click();
      await until(() => /Signed in/.test(popup.document?.querySelector('h1')?.textContent ?? ''), 'signed in', 10_000);
      popupPages.push(popup.location.href, everythingIn(popup.document), popup.document.cookie);
      popup.close();

      const ended = oneEvent(el, 'spaces-call-end');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
      await ended;
      const [request] = await api.requests();
      const accessToken = request.token;
      expect(accessToken).to.match(/^mock-oauth-/);

      // What the token endpoint gives the page: the access token and its type and lifetime, nothing else.
      const answer = await (await fetch(`${api.apiBase}/spaces/token`, { credentials: 'include' })).json();
      expect(Object.keys(answer).sort()).to.deep.equal(['access_token', 'expires_in', 'token_type']);

      const readable = [
        everythingIn(document),
        ...seen,
        ...consoleLines,
        ...performance.getEntriesByType('resource').map((entry) => entry.name),
        location.href,
        document.cookie,
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
        JSON.stringify(el.error),
      ].join('\n');
      const popupText = popupPages.join('\n');
      for (const [what, secret] of [
        ['client secret', CLIENT_SECRET],
        ['a refresh token', REFRESH_TOKEN_PREFIX],
      ]) {
        expect(readable.includes(secret), `${what} in what the page can read`).to.equal(false);
        expect(popupText.includes(secret), `${what} in the sign-in window`).to.equal(false);
      }
      expect(readable.includes(accessToken), 'the access token in the DOM, events, console, URLs, storage or errors').to.equal(false);
      expect(popupText.includes(accessToken), 'the access token in the sign-in window').to.equal(false);
      expect(document.cookie.includes('spaces_session'), 'the session cookie is HttpOnly').to.equal(false);
      summary = `RELIABILITY: sign-in secrets: ${readable.length + popupText.length} characters the page and the sign-in window can read, 0 secrets found`;
    } finally {
      console.log = original;
    }
    console.log(summary);
  });
});
