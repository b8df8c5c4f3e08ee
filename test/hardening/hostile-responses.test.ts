/**
 * Hardening (#5), response fuzz: the element against a server that answers badly, over real HTTP
 * (test/support/hostile-api.mjs, mounted by web-test-runner.config.mjs). Every answer must end in a
 * defined state — `calling` only for a 2xx with callees, otherwise `error` with a specific kind and a
 * clear message — with no script of the answer run, and the page running other work while a big answer is read.
 *
 * Responsiveness is checked by order, not by time: for the 8–10 MB answers, a zero-delay timer set when the
 * headers arrive must fire before the answer has been read (the status leaves `placing`). How long timers waited
 * depends on the machine: it is printed in the RELIABILITY line and compared with its budget by `npm run bench`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import type { CallErrorDetail, CallSuccessDetail } from '../../src/element/events.js';
import { hostileApi, type HostileApi } from '../support/hostile-api.js';
import { until } from '../support/mock-api.js';
import { startHeartbeat, watchPageErrors, watchReadOrder, sleep } from '../support/page-watch.js';

const TEN_MB_CASES = new Set(['big-json', 'big-garbage', 'big-error']);
/** Answers big enough that reading them takes many chunks: other work must run before they are read. */
const BIG_ANSWERS = new Set([...TEN_MB_CASES, 'many-receivers']);
/** src/api/call-response.ts reads (formats, reports) at most this many receivers of an answer. */
const MAX_RECEIVERS = 20;
const NUMBER = '+44 20 7946 0958';
const SHOWN = '020 7946 0958';
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

type Expected = { status: 'calling'; shows?: string } | { kind: string; httpStatus?: number; says?: RegExp };

/** [case, argument, expected outcome]. */
const CASES: [name: string, arg: string | undefined, expected: Expected][] = [
  ['body', 'empty', { kind: 'bad-response', httpStatus: 200, says: /not JSON/ }],
  ['body', 'not-json', { kind: 'bad-response', httpStatus: 200, says: /not JSON/ }],
  ['body', 'truncated-json', { kind: 'bad-response', httpStatus: 200, says: /not JSON/ }],
  ['body', 'null', { kind: 'bad-response', httpStatus: 200, says: /no receivers/ }],
  ['body', 'true', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'number', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'string', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'array', { kind: 'bad-response', httpStatus: 200, says: /no receivers/ }],
  ['body', 'empty-object', { kind: 'bad-response', httpStatus: 200, says: /no receivers/ }],
  ['body', 'receivers-string', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-numbers', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-nested', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-null-entry', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-mixed', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-empty', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-object', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'receivers-only-caller', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'proto-top', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'deep-nesting', { kind: 'bad-response', httpStatus: 200 }],
  ['body', 'html-page', { kind: 'bad-response', httpStatus: 200, says: /not JSON/ }],
  ['body', 'receivers-markup', { status: 'calling', shows: '<img src=x onerror="window.__pwned=1">' }],
  ['body', 'receivers-megabyte', { status: 'calling', shows: 'AAAAAAAAAA' }],
  ['body', 'receivers-controls', { status: 'calling', shows: 'A' }],
  ['body', 'bom', { status: 'calling', shows: SHOWN }],
  ['body', 'invalid-utf8', { status: 'calling', shows: 'A\uFFFD' }],
  ['body', 'type-text-html', { status: 'calling', shows: SHOWN }],
  ['body', 'type-text-plain', { status: 'calling', shows: SHOWN }],
  ['body', 'type-octet-stream', { status: 'calling', shows: SHOWN }],
  ['body', 'type-none', { status: 'calling', shows: SHOWN }],
  ['body', 'type-xml', { status: 'calling', shows: SHOWN }],
  ['body', 'type-image', { status: 'calling', shows: SHOWN }],
  ['body', 'html-page-error', { kind: 'server', httpStatus: 502 }],
  ['body', 'error-markup', { kind: 'forbidden', httpStatus: 403, says: /The API said: “<img src=x onerror="window.__pwned=1">/ }],
  ['body', 'error-megabyte', { kind: 'server', httpStatus: 500, says: /The API said: “M{10}/ }],
  ['body', 'error-message-number', { kind: 'bad-request', httpStatus: 400, says: /^The API rejected the call request\.$/ }],
  ['body', 'error-message-blank', { kind: 'bad-request', httpStatus: 400, says: /^The API rejected the call request\.$/ }],
  ['body', 'error-array', { kind: 'bad-request', httpStatus: 400, says: /^The API rejected the call request\.$/ }],
  ['status', '204', { kind: 'bad-response', httpStatus: 204 }],
  ['status', '205', { kind: 'bad-response', httpStatus: 205 }],
  ['redirect-same-origin', undefined, { kind: 'redirect', says: /not followed/ }],
  ['redirect-other-origin', undefined, { kind: 'redirect', says: /not followed/ }],
  ['redirect-302-other-origin', undefined, { kind: 'redirect' }],
  ['redirect-insecure', undefined, { kind: 'redirect' }],
  ['big-json', undefined, { status: 'calling', shows: SHOWN }],
  ['big-garbage', undefined, { kind: 'bad-response', httpStatus: 200, says: /not JSON/ }],
  ['big-error', undefined, { kind: 'server', httpStatus: 500 }],
];

/**
 * Cases that showed bugs, now fixed and kept as regression tests:
 * (receivers-empty-fields, receivers-odd-types, proto-receiver): a 2xx whose receiver has no string address
 * nor displayname ends in `calling` with the status ": ?" — no name, no number. Expected: the dialled number is
 * shown ("Calling 020 7946 0958…"), or `bad-response` (no callee in receivers).
 * (receivers-rtl, receivers-rtl-status, error-rtl): a bidi override (U+202E) from the API is put into the status
 * line as it is, not isolated, so it reorders the button's own words after it ("Calling ‮gnp.exe‬ Ada…").
 * Expected: the API's strings are isolated (e.g. in a `<bdi>` or an element with `unicode-bidi: isolate`) or the
 * override controls are dropped.
 * (many-receivers): 100,000 receivers in a 2xx are all formatted (libphonenumber-js for each) and joined into
 * the status line: the main thread stalls for seconds and the status is megabytes long. Expected: a bounded
 * number of receivers is read/shown/reported, the page stays responsive.
 */
const REGRESSION_CASES: [name: string, arg: string | undefined, expected: Expected][] = [
  ['body', 'receivers-empty-fields', { status: 'calling', shows: SHOWN }],
  ['body', 'receivers-odd-types', { status: 'calling', shows: SHOWN }],
  ['body', 'proto-receiver', { status: 'calling', shows: SHOWN }],
  ['body', 'receivers-rtl', { status: 'calling', shows: 'Ada' }],
  ['body', 'receivers-rtl-status', { status: 'calling', shows: 'Ada' }],
  ['body', 'error-rtl', { kind: 'forbidden', httpStatus: 403 }],
  ['many-receivers', '100000', { status: 'calling', shows: 'Receiver 0' }],
];

describe('hardening: hostile responses', () => {
  let api: HostileApi;
  let watch: ReturnType<typeof watchPageErrors>;
  let survived = 0;
  let tried = 0;
  let longestStall = 0;
  let longest10MbStall = 0;

  const render = (base: string) =>
    fixture<SpacesCallButton>(html`<spaces-call-button
      number=${NUMBER}
      api-base=${base}
      token="tok-hostile-1"
      default-country="GB"
      timeout="8000"
      reset-delay="60000"
      max-concurrent-calls="0"
    ></spaces-call-button>`);

  beforeEach(() => {
    api = hostileApi();
    watch = watchPageErrors();
    delete (window as { __pwned?: unknown }).__pwned;
  });
  afterEach(() => watch.stop());
  after(() => {
    console.log(
      `RELIABILITY: hostile responses: ${survived} of ${tried} answers ended in the expected state (${REGRESSION_CASES.length} regression cases run separately); ` +
        `longest wait of a zero-delay timer while reading them: ${longestStall.toFixed(0)} ms, ` +
        `${longest10MbStall.toFixed(0)} ms for the 10 MB bodies (machine-dependent figures, not asserted: see npm run bench)`,
    );
  });

  async function callAgainst(name: string, arg: string | undefined) {
    const el = await render(api.base(name, arg));
    const events: (CallSuccessDetail | CallErrorDetail)[] = [];
    el.addEventListener('spaces-call-success', (event) => events.push(event.detail));
    el.addEventListener('spaces-call-error', (event) => events.push(event.detail));
    const heartbeat = startHeartbeat();
    const order = watchReadOrder('/api/spacescalling/', () => el.status === 'placing');
    try {
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
      await until(() => el.status !== 'placing', 'the answer to be read', 9000);
    } finally {
      order.stop();
    }
    const stall = heartbeat.stop();
    await el.updateComplete;
    await sleep(50); // an injected image's onerror would have fired by now
    return { el, events, stall, timerFiredWhileReading: order.timerFiredWhileReading, status: el.shadowRoot!.querySelector('[part=status]')! };
  }

  function check({ el, events, timerFiredWhileReading, status }: Awaited<ReturnType<typeof callAgainst>>, expected: Expected, bigAnswer = false) {
    const text = status.textContent ?? '';
    expect(el.shadowRoot!.querySelector('img, script, iframe, svg:not([part=icon]), a, style'), 'markup from the answer').to.equal(null);
    expect((window as { __pwned?: unknown }).__pwned, 'a script of the answer ran').to.equal(undefined);
    expect(watch.errors, 'page errors').to.deep.equal([]);
    if (bigAnswer) {
      expect(timerFiredWhileReading, 'a zero-delay timer set when the headers arrived fired before the answer was read').to.equal(true);
    }
    expect(events, 'exactly one outcome event').to.have.length(1);
    expect(text.length, 'a bounded status line').to.be.within(1, 600);
    expect(text).not.to.match(/undefined|null|\[object|NaN/);
    const isolated = [...status.querySelectorAll('*')].filter((node) => /isolate|plaintext/.test(getComputedStyle(node).unicodeBidi));
    const loose = [...textNodes(status)].filter((node) => BIDI_CONTROLS.test(node.data) && !isolated.some((parent) => parent.contains(node)));
    expect(loose.map((node) => node.data), 'bidi controls from the answer that are not isolated').to.deep.equal([]);

    if ('status' in expected) {
      expect(el.status, text).to.equal('calling');
      expect(text).to.contain(expected.shows ?? '');
      const { receivers } = events[0] as CallSuccessDetail;
      expect(receivers.length, 'receivers reported (bounded, however many the answer lists)').to.be.within(1, MAX_RECEIVERS);
      for (const receiver of receivers) {
        for (const value of Object.values(receiver)) expect(value).to.be.a('string').with.length.below(201);
      }
    } else {
      expect(el.status, text).to.equal('error');
      expect(el.error, text).to.include({ kind: expected.kind });
      expect(el.error!.status).to.equal(expected.httpStatus);
      expect(events[0]).to.include({ kind: expected.kind, message: el.error!.message });
      expect(text).to.equal(el.error!.message);
      if (expected.says) expect(text).to.match(expected.says);
    }
  }

  for (const [name, arg, expected] of CASES) {
    const outcome = 'status' in expected ? 'calling' : `${expected.kind}${expected.httpStatus ? ` ${expected.httpStatus}` : ''}`;
    it(`${name}${arg ? ` ${arg}` : ''} → ${outcome}`, async function () {
      this.timeout(15_000);
      tried++;
      const outcome = await callAgainst(name, arg);
      if (TEN_MB_CASES.has(name)) longest10MbStall = Math.max(longest10MbStall, outcome.stall);
      else longestStall = Math.max(longestStall, outcome.stall);
      check(outcome, expected, BIG_ANSWERS.has(name));
      survived++;
    });
  }

  for (const [name, arg, expected] of REGRESSION_CASES) {
    it(`${name}${arg ? ` ${arg}` : ''} → ${'status' in expected ? 'calling, clearly worded' : expected.kind} (regression)`, async function () {
      this.timeout(30_000);
      // 100,000 receivers are an 8 MB body: read in many chunks like the 10 MB ones.
      check(await callAgainst(name, arg), expected, BIG_ANSWERS.has(name));
    });
  }

  it('a redirect is not followed: the target, same origin or not, never receives the request nor the token', async () => {
    for (const name of ['redirect-same-origin', 'redirect-other-origin', 'redirect-302-other-origin']) {
      const { el } = await callAgainst(name, undefined);
      expect(el.error).to.include({ kind: 'redirect' });
    }
    const requests = await api.requests();
    expect(requests.map((r) => r.case)).to.deep.equal(['redirect-same-origin', 'redirect-other-origin', 'redirect-302-other-origin']);
    expect(requests.filter((r) => r.case === 'record')).to.deep.equal([]);
  });

  it('an answer never pollutes Object.prototype', async () => {
    await callAgainst('body', 'proto-top');
    expect(({} as { receivers?: unknown }).receivers).to.equal(undefined);
  });
});

function* textNodes(root: Node): Generator<Text> {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node as Text;
}
