/**
 * Hardening (#5), no duplicate calls under stress: 1,000 buttons on one page, each clicked one to five
 * times in a burst (a sample with real mouse clicks), some clicked again once they are ready, some calls
 * cancelled by the page. The mock API's request log must hold exactly one request per accepted click
 * (a `spaces-call-start` that was not cancelled), for the right number.
 *
 * The buttons set `max-concurrent-calls="0"`: this is about one button's clicks becoming one request each;
 * the page-wide one-call-at-a-time rule has its own test (one-call-at-a-time.test.ts).
 *
 * Nor is it about the deadline: about 1,000 requests wait their turn for the browser's few connections to the
 * mock, which takes a few seconds on a quiet machine and more than the default 15 s timeout on a busy one. The
 * buttons get a deadline far beyond that, so that how fast the machine is cannot turn a call into a timeout.
 */
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, until } from '../support/mock-api.js';
import { seededRandom } from '../support/seeded-random.js';
import { watchPageErrors } from '../support/page-watch.js';

const SEED = 0x5eed_1000;
const BUTTONS = 1000;
const REAL_MOUSE_SAMPLE = 10;
/** The buttons' `timeout`, and the longest the test waits for a round of calls: bounds for a hang, not speed limits. */
const CALL_TIMEOUT_MS = 120_000;

/** 1,000 different valid numbers in varied written forms: London drama numbers 020 7946 0000–0899, US 202-555-01xx. */
function numberFor(i: number, pick: (forms: string[]) => string): { number: string; e164: string; country?: string } {
  if (i < 900) {
    const line = String(i).padStart(4, '0');
    const e164 = `+4420794${60000 + i}`;
    return { number: pick([`020 7946 ${line}`, `+44 20 7946 ${line}`, `0044 20 7946 ${line}`, `tel:+44-20-7946-${line}`, `(020) 7946-${line}`]), e164, country: 'GB' };
  }
  const line = String(100 + (i - 900)).padStart(4, '0');
  return { number: pick([`(202) 555-${line}`, `+1 202 555 ${line}`, `202.555.${line}`, `tel:+1-202-555-${line}`]), e164: `+1202555${line}`, country: 'US' };
}

describe('hardening: no duplicate calls under stress', () => {
  it(`${BUTTONS} buttons, bursts of clicks: exactly one request per accepted click`, async function () {
    this.timeout(4 * CALL_TIMEOUT_MS);
    const random = seededRandom(SEED);

    console.log(`stress seed: 0x${SEED.toString(16)}`);
    const watch = watchPageErrors();
    const api = mockApi();
    const container = document.createElement('div');
    container.style.cssText = 'display: grid; grid-template-columns: repeat(5, 1fr); gap: 2px; font-size: 12px';
    document.body.append(container);

    const buttons = Array.from({ length: BUTTONS }, (_, i) => {
      const { number, e164, country } = numberFor(i, (forms) => random.pick(forms));
      const el = document.createElement('spaces-call-button');
      el.setAttribute('number', number);
      if (country) el.setAttribute('default-country', country);
      el.setAttribute('api-base', api.apiBase);
      el.setAttribute('token', 'tok-stress');
      el.setAttribute('reset-delay', '300');
      el.setAttribute('timeout', String(CALL_TIMEOUT_MS));
      el.setAttribute('max-concurrent-calls', '0');
      el.id = `b${i}`;
      container.append(el);
      return { el, e164 };
    });
    await Promise.all(buttons.map(({ el }) => el.updateComplete));
    expect(buttons.filter(({ el, e164 }) => el.e164 !== e164).map(({ el }) => el.number), 'numbers that did not normalize').to.deep.equal([]);

    // The page cancels one call in 25 (its own rule); every other start is an accepted click.
    const cancelled = new Set(buttons.filter(() => random.chance(0.04)).map(({ el }) => el));
    const accepted = new Map<string, number>();
    let starts = 0;
    container.addEventListener('spaces-call-start', (event) => {
      starts++;
      if (cancelled.has(event.target as SpacesCallButton)) event.preventDefault();
    });
    const countAccepted = (event: Event) => {
      if (event.defaultPrevented) return;
      const { number } = (event as CustomEvent).detail;
      accepted.set(number, (accepted.get(number) ?? 0) + 1);
    };
    document.addEventListener('spaces-call-start', countAccepted);

    const inner = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
    let clicks = 0;
    // Real clicks first, while the page is quiet: three in a row on each of the last buttons, as fast as the mouse goes.
    let realClicks = 0;
    for (const { el } of buttons.slice(BUTTONS - REAL_MOUSE_SAMPLE)) {
      el.scrollIntoView({ block: 'center' });
      const box = inner(el).getBoundingClientRect();
      const position: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
      for (let n = 0; n < 3; n++, clicks++, realClicks++) await sendMouse({ type: 'click', position });
    }
    // Then a burst: 1 to 5 synchronous clicks on each of the others.
    for (const { el } of buttons.slice(0, BUTTONS - REAL_MOUSE_SAMPLE)) {
      for (let n = random.int(1, 5); n > 0; n--, clicks++) inner(el).click();
    }
    await until(() => buttons.every(({ el }) => el.status !== 'placing'), 'every call to end', CALL_TIMEOUT_MS + 10_000);

    // Once they are ready again (reset-delay 300 ms), one in ten is clicked again: a new accepted click each.
    await until(() => buttons.every(({ el }) => el.status !== 'calling'), 'every button to be ready again', 60_000);
    const again = buttons.filter(() => random.chance(0.1));
    for (const { el } of again) for (let n = random.int(1, 3); n > 0; n--, clicks++) inner(el).click();
    await until(() => buttons.every(({ el }) => el.status !== 'placing'), 'the second round to end', CALL_TIMEOUT_MS + 10_000);

    const requests = await api.requests();
    const sent = new Map<string, number>();
    for (const request of requests) {
      const address = typeof request.callees === 'string' ? request.callees : request.callees[0].address;
      sent.set(address, (sent.get(address) ?? 0) + 1);
    }
    const totalAccepted = [...accepted.values()].reduce((a, b) => a + b, 0);
    const mismatched = buttons
      .filter(({ e164 }) => (sent.get(e164) ?? 0) !== (accepted.get(e164) ?? 0))
      .map(({ e164 }) => `${e164}: ${accepted.get(e164) ?? 0} accepted, ${sent.get(e164) ?? 0} sent`);
    const failed = buttons.filter(({ el }) => el.status === 'error').map(({ el }) => `${el.number}: ${el.error?.kind}`);
    console.log(
      `RELIABILITY: stress: ${BUTTONS} buttons, ${clicks} clicks (${realClicks} real mouse clicks), ${starts} starts, ` +
        `${starts - totalAccepted} cancelled by the page, ${totalAccepted} accepted, ${requests.length} requests received ` +
        `(expected ${totalAccepted}), ${mismatched.length} numbers with a wrong count, ${failed.length} failed calls`,
    );

    expect(mismatched.slice(0, 20), `${mismatched.length} numbers whose requests differ from their accepted clicks`).to.deep.equal([]);
    expect(requests).to.have.length(totalAccepted);
    expect(failed, 'calls that failed').to.deep.equal([]);
    expect(totalAccepted).to.be.above(BUTTONS); // the second round really happened
    expect(watch.errors).to.deep.equal([]);
    document.removeEventListener('spaces-call-start', countAccepted);
    watch.stop();
    container.remove();
  });
});
