/**
 * Every mock scenario through the element, with real mouse clicks and keys, over real HTTP.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import type { CallErrorDetail } from '../../src/element/events.js';
import { EXPIRED_TOKEN, mockApi, NUMBERS, until, type MockApi } from '../support/mock-api.js';

async function clickButton(el: SpacesCallButton): Promise<void> {
  const box = el.shadowRoot!.querySelector('[part=button]')!.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const statusText = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent;

describe('end to end against the mock Spaces API', () => {
  let api: MockApi;
  const render = (number: string, timeout = 3000) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${number}
      api-base=${api.apiBase}
      token="e2e-token"
      default-country="GB"
      timeout=${timeout}
      reset-delay="60000"
    ></spaces-call-button>`);

  async function failureOf(el: SpacesCallButton): Promise<CallErrorDetail> {
    const failure = oneEvent(el, 'spaces-call-error');
    await clickButton(el);
    const { detail } = await failure;
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(statusText(el)).to.equal(detail.message);
    return detail;
  }

  beforeEach(() => {
    api = mockApi();
  });

  it('a click places the call and shows "Calling …"', async () => {
    const el = await render(NUMBERS.success);
    const success = oneEvent(el, 'spaces-call-success');
    await clickButton(el);

    expect((await success).detail.receivers[0].callStatus).to.equal('calling');
    await el.updateComplete;
    expect(statusText(el)).to.equal('Calling 020 7946 0958…');
    expect(await api.requests()).to.have.length(1);
  });

  it('Enter on the focused button places the call', async () => {
    const el = await render(NUMBERS.success);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.focus();
    const success = oneEvent(el, 'spaces-call-success');
    await sendKeys({ press: 'Enter' });

    await success;
    expect(await api.requests()).to.have.length(1);
  });

  it('ten rapid real clicks place one call', async () => {
    const el = await render(NUMBERS.success);
    for (let i = 0; i < 10; i++) await clickButton(el);
    await until(() => el.status === 'calling', 'calling');

    expect(await api.requests()).to.have.length(1);
  });

  for (const [scenario, number, serverMessage] of [
    ['no license', NUMBERS.noLicense, 'The caller does not have the license required for Aura calling.'],
    ['billing country', NUMBERS.billingCountry, 'The caller’s billing country is not whitelisted for Aura calling.'],
    ['not opted in', NUMBERS.notOptedIn, 'The caller has not opted in to Aura calling.'],
  ]) {
    it(`403 ${scenario}: forbidden, with the server's message and what the caller needs`, async () => {
      const detail = await failureOf(await render(number));

      expect(detail).to.include({ kind: 'forbidden', status: 403 });
      expect(detail.message).to.contain(serverMessage).and.contain('Aura calling license, a whitelisted billing country');
    });
  }

  it('401 expired token: unauthorized', async () => {
    const detail = await failureOf(await render(NUMBERS.tokenExpired));
    expect(detail).to.include({ kind: 'unauthorized', status: 401 });
    expect(detail.message).to.contain('rejected or has expired');
  });

  it('401 with a token provider: refreshed once, then placed', async () => {
    const el = await render(NUMBERS.success);
    el.removeAttribute('token');
    el.getToken = ({ forceRefresh }) => Promise.resolve(forceRefresh ? 'renewed' : EXPIRED_TOKEN);
    const success = oneEvent(el, 'spaces-call-success');
    await clickButton(el);

    await success;
    expect((await api.requests()).map((r) => r.token)).to.deep.equal([EXPIRED_TOKEN, 'renewed']);
  });

  it('429: rate-limited, with the wait from Retry-After', async () => {
    const detail = await failureOf(await render(NUMBERS.rateLimited));
    expect(detail).to.include({ kind: 'rate-limited', status: 429 });
    expect(detail.message).to.contain('Wait 30 seconds');
  });

  for (const [number, status] of [
    [NUMBERS.serverError, 500],
    [NUMBERS.unavailable, 503],
  ] as const) {
    it(`${status}: server`, async () => {
      const detail = await failureOf(await render(number));
      expect(detail).to.include({ kind: 'server', status });
    });
  }

  it('slower than the timeout: timeout, and the request is abandoned', async () => {
    const detail = await failureOf(await render(NUMBERS.slow, 500));
    expect(detail.kind).to.equal('timeout');
    expect(detail.message).to.contain('within 0.5 seconds');
    await until(async () => (await api.requests())[0].answer === 'client-gone', 'the mock to see the request go');
  });

  for (const number of [NUMBERS.malformed, NUMBERS.noReceivers]) {
    it(`${number}: a malformed success is bad-response, not a crash`, async () => {
      const detail = await failureOf(await render(number));
      expect(detail).to.include({ kind: 'bad-response', status: 200 });
    });
  }

  it('dropped connection: network', async () => {
    const detail = await failureOf(await render(NUMBERS.dropped));
    expect(detail.kind).to.equal('network');
    expect(await api.requests()).to.have.length(1);
  });

  it('every failure leaves the button ready to try again', async () => {
    const el = await render(NUMBERS.serverError);
    await failureOf(el);
    await failureOf(el);
    expect(await api.requests()).to.have.length(2);
  });
});
