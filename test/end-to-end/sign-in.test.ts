/**
 * Tokens from the host's endpoint, end to end: the button, the reference token endpoint and the mock
 * Avaya Cloud Identity (consent page, code + PKCE, refresh with rotation), all over real HTTP. Each test
 * has its own `/mock/<session>/` corner: its own accounts, endpoint, session cookie and API log.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import { forgetSpacesToken, type SpacesCallButton } from '../../src/spaces-call-button.js';
import type { CallEndDetail, CallErrorDetail } from '../../src/element/events.js';
import { mockApi, NUMBERS, realtimeLog, until, type MockApi } from '../support/mock-api.js';

const button = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
const statusText = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent!.trim();
const signInLink = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLAnchorElement>('[part=sign-in]');

describe('tokens from the host endpoint (token-url) with Avaya Cloud sign-in', () => {
  let api: MockApi;
  let tokenUrl: string;

  /** Requests the token endpoint answered, as its log shows them. */
  async function tokenRequests(): Promise<{ method: string; path: string; status: number }[]> {
    const log: { method: string; path: string; status: number }[] = await (await fetch(`${api.apiBase}/spaces/__log`)).json();
    return log.filter((entry) => entry.path.endsWith('/spaces/token'));
  }

  const render = (number: string = NUMBERS.success) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      api-base=${api.apiBase}
      token-url=${tokenUrl}
      default-country="GB"
      reset-delay="60000"
    ></spaces-call-button>`);

  async function failureOf(el: SpacesCallButton): Promise<CallErrorDetail> {
    const failure = oneEvent(el, 'spaces-call-error');
    button(el).click();
    const { detail } = await failure;
    await el.updateComplete;
    return detail;
  }

  /** Opens the Sign in link's address as a click would, and answers the consent page. */
  async function signInThrough(link: HTMLAnchorElement, decision: 'accept' | 'deny'): Promise<string> {
    expect(link.target).to.equal('_blank');
    const popup = window.open(link.href, '_blank')!;
    try {
      await until(() => popup.document?.querySelector(`button[value=${decision}]`) !== null, 'the consent page', 10_000);
      popup.document.querySelector<HTMLButtonElement>(`button[value=${decision}]`)!.click();
      await until(() => /Signed in|declined/.test(popup.document?.querySelector('h1')?.textContent ?? ''), 'the page after consent', 10_000);
      return popup.document.querySelector('h1')!.textContent!;
    } finally {
      popup.close();
    }
  }

  beforeEach(() => {
    api = mockApi();
    tokenUrl = `${api.apiBase}/spaces/token`;
  });

  it('signed out → "Sign in" → consent → back: the next click calls', async () => {
    const el = await render();

    const error = await failureOf(el);
    expect(error.kind).to.equal('signed-out');
    expect(statusText(el)).to.equal('Sign in to Avaya Spaces to call. Sign in');
    expect(await api.requests(), 'no call without a token').to.deep.equal([]);
    const link = signInLink(el)!;
    expect(new URL(link.href).pathname).to.equal(new URL(`${api.apiBase}/spaces/sign-in`).pathname);

    expect(await signInThrough(link, 'accept')).to.match(/^Signed in/);

    const success = oneEvent(el, 'spaces-call-success');
    button(el).click();
    await success;
    const [request] = await api.requests();
    expect(request.scheme, 'the endpoint says bearer').to.equal('bearer');
    expect(request.token).to.match(/^mock-oauth-/);
  });

  it('Deny on the consent page: still signed out, with a clear message', async () => {
    const el = await render();
    await failureOf(el);
    expect(await signInThrough(signInLink(el)!, 'deny')).to.equal('Sign-in was declined');

    const again = await failureOf(el);
    expect(again.kind).to.equal('signed-out');
    expect(again.message).to.equal('Sign in to Avaya Spaces to call.');
    expect(await api.requests()).to.deep.equal([]);
  });

  describe('once signed in', () => {
    let el: SpacesCallButton;
    beforeEach(async () => {
      el = await render();
      await failureOf(el);
      await signInThrough(signInLink(el)!, 'accept');
    });

    async function call(target: SpacesCallButton): Promise<void> {
      const done = Promise.race([oneEvent(target, 'spaces-call-success'), oneEvent(target, 'spaces-call-error')]);
      button(target).click();
      await done;
      await target.updateComplete;
    }

    it('an expired access token is refreshed through the endpoint with no user action', async () => {
      await call(el);
      expect(el.status).to.equal('calling');
      const before = (await tokenRequests()).length;

      await fetch(`${api.apiBase}/__accounts/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceS: 90 }) });
      el.number = NUMBERS.declined; // another call
      await el.updateComplete;
      await call(el);

      expect(el.status, el.error?.message).to.equal('calling');
      const calls = await api.requests();
      expect(calls.map((entry) => entry.answer)).to.deep.equal([200, 401, 200]);
      expect(calls[1].token, 'the expired token was used once').to.equal(calls[0].token);
      expect(calls[2].token, 'then a fresh one').not.to.equal(calls[0].token);
      expect((await tokenRequests()).length - before, 'one more token request').to.equal(1);
    });

    it('a revoked refresh token: signed out again', async () => {
      await call(el);
      await fetch(`${api.apiBase}/__accounts/revoke`, { method: 'POST' });
      await fetch(`${api.apiBase}/__accounts/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceS: 90 }) });
      el.number = NUMBERS.declined;
      await el.updateComplete;

      const error = await failureOf(el);
      expect(error.kind).to.equal('signed-out');
      expect(signInLink(el)).not.to.equal(null);
    });

    describe('sign-out: forgetSpacesToken()', () => {
      /** Calls again from a button showing its last call: a new number drops that call. */
      async function callAnother(target: SpacesCallButton, number: string): Promise<void> {
        target.number = number;
        await target.updateComplete;
        await call(target);
      }

      it('the next click asks the token endpoint again', async () => {
        await call(el);
        const signedIn = (await tokenRequests()).length;
        await callAnother(el, NUMBERS.declined);
        expect((await tokenRequests()).length, 'without it, the cached token is used').to.equal(signedIn);

        forgetSpacesToken();
        await callAnother(el, NUMBERS.notAnswered);

        expect(el.status, el.error?.message).to.equal('calling');
        expect((await tokenRequests()).length - signedIn, 'one more token request').to.equal(1);
      });

      it('the recipe, the host’s sign-out then forgetSpacesToken(): the next click is signed out and places no call', async () => {
        await call(el);
        const calls = (await api.requests()).length;

        const signOut = await fetch(`${api.apiBase}/spaces/sign-out`, { method: 'POST', credentials: 'include' });
        forgetSpacesToken();
        await callAnother(el, NUMBERS.declined);

        expect(signOut.ok, `sign-out answered ${signOut.status}`).to.equal(true);
        expect(el.status).to.equal('error');
        expect(el.error?.kind).to.equal('signed-out');
        expect(signInLink(el)).not.to.equal(null);
        expect(await api.requests(), 'no call with the token from before the sign-out').to.have.length(calls);
      });

      it('closes an open live channel: the call it followed is told (no-token), and the connection ends', async () => {
        const live = await fixture<SpacesCallButton>(html`<spaces-call-button
          number=${NUMBERS.silent}
          api-base=${api.apiBase}
          token-url=${tokenUrl}
          live
          socket-url=${`/chat?test=${crypto.randomUUID()}`}
          default-country="GB"
          answer-timeout="600000"
          reset-delay="0"
        ></spaces-call-button>`);
        const ends: CallEndDetail[] = [];
        live.addEventListener('spaces-call-end', (event) => ends.push(event.detail));
        await call(live);
        const { token } = (await api.requests()).at(-1)!;
        await until(async () => (await realtimeLog(api, token, 'bearer')).connections === 1, 'the live channel to open');
        await until(() => live.matches(':state(cancellable)'), 'the call to be followed');

        forgetSpacesToken();
        await new Promise((resolve) => setTimeout(resolve)); // the call's next deadline (reset-delay 0) has come

        expect(ends).to.have.length(1);
        expect(ends[0]).to.include({ outcome: 'unknown', live: 'unavailable', liveProblem: 'no-token' });
        await until(async () => (await realtimeLog(api, token, 'bearer')).connections === 0, 'the channel to close');

        await call(live); // the next live call: a token asked for afresh, and a channel of its own
        const fresh = (await api.requests()).at(-1)!.token;
        await until(async () => (await realtimeLog(api, fresh, 'bearer')).connections === 1, 'a new channel for the next call');
        await until(() => live.matches(':state(cancellable)'), 'the next call to be followed');
      });
    });

    it('300 buttons on a page: one token request', async () => {
      const before = (await tokenRequests()).length;
      const numbers = Array.from({ length: 300 }, (_, i) => `+44 20 7946 ${String(2000 + i)}`);
      const container = await fixture<HTMLDivElement>(html`<div>
        ${numbers.map(
          (number) => html`<spaces-call-button number=${number} api-base=${api.apiBase} token-url=${tokenUrl} max-concurrent-calls="0" reset-delay="60000"></spaces-call-button>`,
        )}
      </div>`);
      const buttons = [...container.querySelectorAll('spaces-call-button')];
      await Promise.all(buttons.map((b) => b.updateComplete));
      // The cache of the sign-in test's first click is dropped, so that the 300 really ask at once.
      (globalThis as { [key: symbol]: Map<string, unknown> | undefined })[Symbol.for('spaces-call-button.token-url-cache')]?.clear();
      for (const b of buttons) button(b).click();
      await until(() => buttons.every((b) => b.status === 'calling'), '300 calls', 60_000);

      expect((await tokenRequests()).length - before).to.equal(1);
      expect(await api.requests()).to.have.length(300);
    });
  });
});
