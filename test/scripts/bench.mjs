// @ts-check
/**
 * `npm run bench` (issues #4 and #12): the built element against plain `<a href="tel:">` links; the floor, a
 * minimal hand-written custom element with a shadow root and a button (test/bench/baseline.html); the Lit floor, a
 * logic-free Lit element with the same shadow DOM and stylesheet as ours (test/bench/lit-floor.html); the checking Lit
 * floor, a minimal Lit element that checks and formats its number with libphonenumber-js as ours does (the same `core`
 * calls over the same `min` metadata, every number checked as it renders; test/bench/checking-lit-floor.html), the
 * floor that render is judged against; and Shoelace's `<sl-button>` from its own browser build in node_modules
 * (test/bench/shoelace.html, a dev dependency for this only). Before the measurements, the numbers the bench feeds
 * them all are checked by ours (normalizePhone) and by the checking Lit floor: the run stops unless both find the
 * same ones valid, formatted alike.
 *
 * Everything runs in one headless Chromium against dist/ (built first only when it is missing), served
 * with no bundler, the mock Spaces API on another origin. Every measurement gets a fresh page; every
 * repetition runs all of them, in reverse order every other time; the table shows medians.
 * Sizes are gzip -9 / brotli -11 of the dist files a page actually loaded.
 * Also the figures that depend on the machine's speed and so are not asserted by `npm test`: how long a
 * zero-delay timer waits while hostile answers are read (test/support/hostile-api.mjs, as the hardening tests
 * use it), how soon a deadline or a refused connection ends a call, and the phone fuzz's timings (the inputs of
 * test/hardening/phone-fuzz.test.ts), each beside its budget.
 * Prints a table and the machine's load average (other work on it makes every figure slower: compare the ratios of
 * one run), and writes bench-results/latest.json. `npm run bench:profile` (test/scripts/profile.mjs) shows where the
 * time and memory go.
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { transformWithOxc } from 'vite';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.mjs';
import { createHostileApi } from '../support/hostile-api.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';
import { prepareRecordPages, recordPage } from '../bench/record-pages.mjs';
import { SCAN_ROWS, prepareScanPages, scanPage } from '../bench/scan-page.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = process.argv.slice(2);
/** `--per-element`: only what each element costs (render, heap, 10,000, removal), for a quicker look. */
const PER_ELEMENT_ONLY = ARGS.includes('--per-element');
/**
 * `--against=<dir>`: only the side-by-side renders of ours (dist/) and another build of it (a dist/ folder built from
 * other code, its tag renamed here to `spaces-call-button-b`), to see what a change costs: ratios above 1 mean
 * dist/ is slower. Against a copy of dist/ itself, the median is within a few percent of 1.
 */
const AGAINST = ARGS.find((arg) => arg.startsWith('--against='))?.slice('--against='.length);
const REPS = Number(ARGS.find((arg) => arg.startsWith('--reps='))?.slice('--reps='.length) ?? 5);
/** `--record`: only the record and list pages (test/bench/record-pages.mjs). */
const RECORD_ONLY = ARGS.includes('--record');
/** How many times each repetition opens each record page (5 numbers); the 1,000-row list page, once. */
const RECORD_SAMPLES = 3;
/** `--record-against=<dir>`: the record and list pages of another build (a dist/ folder) too, as "the other build". */
const RECORD_AGAINST = ARGS.find((arg) => arg.startsWith('--record-against='))?.slice('--record-against='.length);
/** `--scan`: only the page scan's CRM table, scan on and off (test/bench/scan-page.mjs). */
const SCAN_ONLY = ARGS.includes('--scan');
const N = 1_000;
const BIG_N = 10_000;
const CLICKS_PER_PAGE = 20; // after each page's first click, which is reported on its own: REPS x 20 = 100 clicks
const TAG = 'spaces-call-button';
/** The phone fuzz of test/hardening/phone-fuzz.test.ts: the same seed, so the same inputs. */
const FUZZ_SEED = 0x5eed_0005;
const FUZZ_INPUTS = 10_000;
/**
 * Hostile answers whose reading is timed, as test/support/hostile-api.mjs's `<case>[/<argument>]` and the outcome the
 * hardening tests expect: the heaviest of their ordinary cases (3 MB of strings, a 1 MB message, 100,000 levels of
 * nesting), the 10 MB ones, and 100,000 receivers.
 * @type {Record<string, [path: string, outcome: string][]>}
 */
const ANSWERS = {
  small: [['ok', 'calling'], ['body/html-page', 'bad-response'], ['body/receivers-megabyte', 'calling'], ['body/error-megabyte', 'server'], ['body/deep-nesting', 'bad-response']],
  big: [['big-json', 'calling'], ['big-garbage', 'bad-response'], ['big-error', 'server']],
  receivers: [['many-receivers/100000', 'calling']],
};

/** @typedef {'ours' | 'links' | 'floor' | 'litFloor' | 'checkingLitFloor' | 'shoelace' | 'other'} Contender  other: the build given with --against */
/** @typedef {Record<string, number | number[]>} Result  named measurements of one page */
/** @typedef {{ contender: Contender, run: () => Promise<Result> }} Task */
/** @typedef {{ at: number, files: string[], lastFileEnd: number }} Snapshot  a moment, the resources loaded by then, when the last dist file arrived */
/**
 * What installProbes puts on every bench page.
 * @typedef {{
 *   clicks: number[],
 *   callStarts: () => number[],
 *   settle: (elements: Iterable<Element>) => Promise<void>,
 *   defined?: Snapshot,
 *   firstReady?: Snapshot,
 * }} Probes
 */
/** @typedef {Window & typeof globalThis & Probes} ProbedWindow */
/** @typedef {{ browser: import('playwright-core').Browser, origin: string, apiOrigin: string, closedPort: number, fuzzInputs: { input: string, country?: string }[], recordKinds: import('../bench/record-pages.mjs').RecordKind[], errors: string[] }} Env */

/** The page of `--against`, made in bench-results/ (see prepareAgainst). */
const AGAINST_PAGE = '/bench-results/against/page.html';
/** @type {Record<Contender, string>} */
const EMPTY_PAGE = { ours: 'ours.html', links: 'baseline.html', floor: 'baseline.html', litFloor: 'lit-floor.html', checkingLitFloor: 'checking-lit-floor.html', shoelace: 'shoelace.html', other: AGAINST_PAGE };
/** The custom element of each contender (links have none). @type {Record<Contender, string | undefined>} */
const ELEMENT = { ours: TAG, links: undefined, floor: 'floor-call-button', litFloor: 'lit-floor-call-button', checkingLitFloor: 'checking-lit-floor-call-button', shoelace: 'sl-button', other: `${TAG}-b` };
/** @type {Contender[]} */
const CONTENDERS = ['ours', 'links', 'floor', 'litFloor', 'checkingLitFloor', 'shoelace'];
/** The contenders that check their numbers (and must find every number of the bench valid). @type {Contender[]} */
const CHECKING = ['ours', 'checkingLitFloor'];
/** The contenders that place a call on a click. @type {Contender[]} */
const CLICKABLE = ['ours', 'floor'];
/** The column titles. @type {Record<Contender, string>} */
const TITLE = { ours: 'ours', links: 'links', floor: 'floor', litFloor: 'Lit floor', checkingLitFloor: 'checking Lit floor', shoelace: 'Shoelace', other: 'the other build' };

// ---------------------------------------------------------------------------------------------
// Phone numbers: UK ones, mostly Ofcom's drama ranges (all valid for libphonenumber-js), in the formats a CRM holds.

const RANGES = [
  ...['020 7946 0', '0113 496 0', '0114 496 0', '0115 946 0', '0116 496 0', '0117 496 0', '0118 496 0', '0121 496 0'],
  ...['0131 496 0', '0141 496 0', '0151 496 0', '0161 496 0', '0191 498 0', '028 9649 6', '029 2018 0', '07700 123'],
];
/** @type {((national: string) => string)[]} */
const FORMATS = [
  (n) => n,
  (n) => `+44 ${n.slice(1)}`,
  (n) => n.replaceAll(' ', '-'),
  (n) => `tel:+44-${n.slice(1).replaceAll(' ', '-')}`,
  (n) => `${n} ext. 12`,
];

/**
 * The i-th of 16,000 distinct numbers (avoiding the mock's failure numbers 020 7946 09xx below i = 14,400).
 * @param {number} i
 */
function phoneNumber(i) {
  const national = RANGES[i % RANGES.length] + String(Math.floor(i / RANGES.length) % 1000).padStart(3, '0');
  return { written: FORMATS[i % FORMATS.length](national), tel: `tel:+44${national.slice(1).replaceAll(' ', '')}` };
}

/**
 * @param {number} count
 * @param {number} [from]
 */
const phoneNumbers = (count, from = 0) => Array.from({ length: count }, (_, i) => phoneNumber(from + i));

/**
 * The HTML of `count` elements of one contender, ids `b0`, `b1`…
 * @param {Contender} contender
 * @param {number} count
 * @param {number} [from]  the first number's index
 */
function markup(contender, count, from = 0) {
  return phoneNumbers(count, from)
    .map(({ written, tel }, i) => {
      if (contender === 'links') return `<a id="b${i}" href="${tel}">${written}</a>`;
      if (contender === 'shoelace') return `<sl-button id="b${i}">${written}</sl-button>`;
      const tag = ELEMENT[contender];
      return `<${tag} id="b${i}" number="${written}"></${tag}>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// In the page. These functions are serialized by Playwright: they use nothing from this module.

/** Installed before any script of every bench page. */
function installProbes() {
  const probes = /** @type {ProbedWindow} */ (window);
  const snapshot = () => {
    const entries = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
    const ends = entries.filter((entry) => entry.name.includes('/dist/')).map((entry) => entry.responseEnd);
    return { at: performance.now(), files: entries.map((entry) => entry.name), lastFileEnd: Math.max(0, ...ends) };
  };
  probes.clicks = [];
  document.addEventListener('click', (event) => probes.clicks.push(event.timeStamp), true);
  // The call requests' start times (Resource Timing gives startTime across origins without Timing-Allow-Origin).
  probes.callStarts = () =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/api/spacescalling/'))
      .map((entry) => entry.startTime);
  // Rendered and laid out, and for ours the numbers on screen checked (which may mean loading phone
  // data); ours leaves the numbers of off-screen buttons unchecked until they come near the viewport.
  probes.settle = async (elements) => {
    await new Promise(requestAnimationFrame);
    const onScreen = Array.from(elements).filter((element) => element.getBoundingClientRect().top < innerHeight * 1.5);
    await Promise.all(onScreen.map((element) => /** @type {{ updateComplete?: Promise<unknown> }} */ (element).updateComplete));
    void document.body.offsetHeight;
    await new Promise(requestAnimationFrame);
  };
  customElements.whenDefined('spaces-call-button').then(() => (probes.defined = snapshot()));
  addEventListener('DOMContentLoaded', async () => {
    await customElements.whenDefined('spaces-call-button');
    const first = document.querySelector('spaces-call-button');
    if (!first) return;
    await /** @type {{ updateComplete?: Promise<unknown> }} */ (first).updateComplete;
    probes.firstReady = snapshot();
  });
}

/**
 * Milliseconds from setting the body's HTML until every element is rendered and laid out.
 * @param {string} html
 */
async function renderInPage(html) {
  const probes = /** @type {ProbedWindow} */ (window);
  const start = performance.now();
  document.body.innerHTML = html;
  await probes.settle(document.body.children);
  return performance.now() - start;
}

/**
 * Milliseconds from giving every element another number until all are rendered and laid out.
 * @param {{ written: string, tel: string }[]} numbers
 */
async function changeNumbersInPage(numbers) {
  const probes = /** @type {ProbedWindow} */ (window);
  const elements = [...document.body.children];
  const start = performance.now();
  elements.forEach((element, i) => {
    if (element instanceof HTMLAnchorElement) {
      element.href = numbers[i].tel;
      element.textContent = numbers[i].written;
    } else if (element.localName === 'sl-button') {
      element.textContent = numbers[i].written;
    } else {
      /** @type {Element & { number: string }} */ (element).number = numbers[i].written;
    }
  });
  await probes.settle(elements);
  return performance.now() - start;
}

/**
 * How many numbers of the page are known valid and formatted: ours (`e164` set; ours checks the numbers far below
 * the viewport only when they come near it) and the checking Lit floor's (`valid`; it checks every number as it
 * renders).
 */
function validInPage() {
  return [...document.body.children].filter((element) =>
    element.localName === 'checking-lit-floor-call-button' ? /** @type {{ valid?: boolean }} */ (element).valid : /** @type {{ e164?: string | null }} */ (element).e164,
  ).length;
}

/**
 * The bench's numbers through ours (normalizePhone from the built files, libphonenumber-js's whole `min` metadata, as
 * the fuzz gives it) and through the checking Lit floor's checkNumber, both with the page's default country: how many
 * each finds valid, and on how many they agree (both invalid, or both valid with the same E.164, text and extension).
 * @param {{ numbers: string[], country: string }} options
 */
async function sameNumbersInPage({ numbers, country }) {
  const { normalizePhone } = await import(/** @type {string} */ ('/dist/index.js'));
  const { default: metadata } = await import(/** @type {string} */ ('/node_modules/libphonenumber-js/metadata.min.json.js'));
  const { checkNumber } = await import(/** @type {string} */ ('/test/bench/checking-lit-floor.js'));
  let ours = 0;
  let floor = 0;
  let same = 0;
  /** @type {string[]} */
  const differences = [];
  for (const number of numbers) {
    const a = normalizePhone(number, country, metadata);
    const b = checkNumber(number, country);
    ours += a.ok ? 1 : 0;
    floor += b.ok ? 1 : 0;
    const agree = a.ok === b.ok && (!a.ok || (a.e164 === b.e164 && a.display === b.display && a.extension === b.extension));
    if (agree) same++;
    else if (differences.length < 5) differences.push(`${number}: ${JSON.stringify(a)} / ${JSON.stringify(b)}`);
  }
  return { count: numbers.length, ours, floor, same, differences };
}

/**
 * Where to click the button of this element (in its shadow root), in viewport pixels.
 * @param {string} selector
 */
function buttonCenter(selector) {
  const host = /** @type {Element} */ (document.querySelector(selector));
  host.scrollIntoView({ block: 'center' });
  const box = /** @type {Element} */ (host.shadowRoot?.querySelector('button')).getBoundingClientRect();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Resolves once the page has started (and finished) this many call requests.
 * @param {number} count
 */
function callRequests(count) {
  const probes = /** @type {ProbedWindow} */ (window);
  return new Promise((resolve) => {
    const check = () => (probes.callStarts().length >= count ? resolve(undefined) : setTimeout(check, 1));
    check();
  });
}

/**
 * Places a call from a new button against `apiBase` and, from the click until the call has ended, keeps setting
 * zero-delay timers: the longest one waited, how long the call took, and how it ended.
 * @param {{ apiBase: string, timeout: number }} options
 */
async function callWatchingTimers({ apiBase, timeout }) {
  await customElements.whenDefined('spaces-call-button');
  const el = /** @type {HTMLElement & { updateComplete: Promise<unknown>, status: string, error: { kind: string } | null }} */ (
    document.createElement('spaces-call-button')
  );
  el.setAttribute('number', '+44 20 7946 0958');
  el.setAttribute('api-base', apiBase);
  // Its own token: the page's goes only to the page's API origin, and the refused connection's is another.
  el.setAttribute('token', 'bench-token');
  el.setAttribute('timeout', String(timeout));
  el.setAttribute('reset-delay', '600000');
  el.setAttribute('max-concurrent-calls', '0');
  document.body.append(el);
  await el.updateComplete;
  const ended = new Promise((resolve) => {
    el.addEventListener('spaces-call-success', resolve, { once: true });
    el.addEventListener('spaces-call-error', resolve, { once: true });
  });
  let longest = 0;
  let running = true;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const beat = () => {
    const setAt = performance.now();
    timer = setTimeout(() => {
      longest = Math.max(longest, performance.now() - setAt);
      if (running) beat();
    }, 0);
  };
  const start = performance.now();
  beat();
  /** @type {HTMLButtonElement} */ (el.shadowRoot?.querySelector('button')).click();
  await ended;
  const took = performance.now() - start;
  running = false;
  clearTimeout(timer);
  const outcome = el.error?.kind ?? el.status;
  el.remove();
  return { longest, took, outcome };
}

/**
 * normalizePhone from the built files over the fuzz inputs, with libphonenumber-js's whole `min` metadata as the
 * fuzz test gives it: the whole run and the slowest input, in milliseconds.
 * @param {{ input: string, country?: string }[]} inputs
 */
async function fuzzInPage(inputs) {
  const { normalizePhone } = await import(/** @type {string} */ ('/dist/index.js'));
  const { default: metadata } = await import(/** @type {string} */ ('/node_modules/libphonenumber-js/metadata.min.json.js'));
  let slowest = 0;
  const start = performance.now();
  for (const { input, country } of inputs) {
    const t0 = performance.now();
    normalizePhone(input, country, metadata);
    slowest = Math.max(slowest, performance.now() - t0);
  }
  return { total: performance.now() - start, slowest };
}

// ---------------------------------------------------------------------------------------------
// Measurements. Each opens a fresh page and returns named numbers.

/**
 * @param {Env} env
 * @param {string} file  a page in test/bench/, or a path from the project's root
 * @param {{ metrics?: boolean }} [options]  metrics: DevTools' Performance domain on (for `Performance.getMetrics`).
 *   Only the page-load measurement needs it: while it is on, rendering 1,000 elements takes about 1.5 times as
 *   long, for every contender, and varies more.
 */
async function open(env, file, { metrics = false } = {}) {
  const page = await env.browser.newPage(); // in a context of its own: nothing cached or shared
  page.on('pageerror', (error) => env.errors.push(`${file}: ${error.message}`));
  const cdp = await page.context().newCDPSession(page);
  if (metrics) await cdp.send('Performance.enable');
  await page.addInitScript(installProbes);
  await page.goto(`${env.origin}${file.startsWith('/') ? file : `/test/bench/${file}`}`);
  return { page, cdp };
}

/**
 * A contender's empty page, once its element is defined (the Lit floor's script awaits its stylesheet) and the page
 * is idle (no request for 500 ms): what each loads before its first element, it has loaded. For ours that includes
 * the phone code and the default country's metadata, which the element loads when the page is first idle.
 * @param {Env} env
 * @param {Contender} contender
 */
async function openEmpty(env, contender) {
  const opened = await open(env, EMPTY_PAGE[contender]);
  const tag = ELEMENT[contender];
  if (tag) await opened.page.evaluate((name) => customElements.whenDefined(name).then(() => undefined), tag);
  await opened.page.waitForLoadState('networkidle');
  return opened;
}

/**
 * JS heap and JS + DOM (Blink's garbage-collected heap) in bytes, after a full garbage collection.
 * @param {import('playwright-core').CDPSession} cdp
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
  return { js: usedSize, all: usedSize + embedderHeapUsedSize };
}

/**
 * Fails the run when any of our buttons, or of the checking Lit floor's, found its number invalid: the numbers are
 * meant to be valid.
 * @param {import('playwright-core').Page} page
 */
async function expectValidNumbers(page) {
  const invalid = await page.evaluate(() =>
    [...document.querySelectorAll('spaces-call-button, checking-lit-floor-call-button')]
      .filter((element) => {
        const button = /** @type {HTMLElement & { status?: string, valid?: boolean }} */ (element);
        return button.localName === 'spaces-call-button' ? button.status === 'invalid' : button.valid === false;
      })
      .map((element) => element.getAttribute('number')),
  );
  if (invalid.length) throw new Error(`${page.url()}: ${invalid.length} numbers meant to be valid are not: ${invalid.slice(0, 5).join(', ')}`);
}

/**
 * Render 1,000 from HTML and the heap they take; then, on a fresh page, a new number for each. `warm`: on a page that
 * has rendered (and removed) one element first, so that what a contender compiles or loads at its first element
 * (ours: libphonenumber-js's functions, compiled by V8 when first called) is in the baseline, and what is left is
 * what each further element costs; its names end in `Warm`.
 * @param {Env} env
 * @param {Contender} contender
 * @param {{ warm?: boolean }} [options]
 * @returns {Promise<Result>}
 */
async function thousand(env, contender, { warm = false } = {}) {
  const { page, cdp } = await openEmpty(env, contender);
  if (warm) {
    await page.evaluate(renderInPage, markup(contender, 1, BIG_N));
    await page.evaluate(() => document.body.replaceChildren());
  }
  const empty = await heapAfterGc(cdp);
  const render = await page.evaluate(renderInPage, markup(contender, N));
  const valid = CHECKING.includes(contender) ? await page.evaluate(validInPage) : NaN;
  const full = await heapAfterGc(cdp);
  if (CHECKING.includes(contender)) await expectValidNumbers(page);
  const perElement = { render, heapJs: (full.js - empty.js) / N, heapAll: (full.all - empty.all) / N };
  if (warm) {
    await page.close();
    return Object.fromEntries(Object.entries(perElement).map(([name, value]) => [`${name}Warm`, value]));
  }
  const change = await page.evaluate(changeNumbersInPage, phoneNumbers(N, BIG_N));
  if (CHECKING.includes(contender)) await expectValidNumbers(page);
  await page.close();
  return { ...perElement, change, pageHeap: empty.js, ...(Number.isNaN(valid) ? {} : { valid }) };
}

/**
 * @param {Env} env
 * @param {Contender} contender
 * @returns {Promise<Result>}
 */
async function tenThousand(env, contender) {
  const { page } = await openEmpty(env, contender);
  const render = await page.evaluate(renderInPage, markup(contender, BIG_N));
  await page.close();
  return { render10k: render };
}

/**
 * The heap of 10,000 elements, and what is left of it once they are all removed. "Before" is the page after 1,000
 * other elements were rendered and removed, so that what a page loads or compiles once (ours: the phone code and
 * data) is in it, and what grows with the number of elements shown is not. Blink keeps about 1.5 MB after 10,000
 * of any element, plain links too: the JS heap is the one to judge.
 * @param {Env} env
 * @param {Contender} contender
 * @returns {Promise<Result>}
 */
async function release(env, contender) {
  const { page, cdp } = await openEmpty(env, contender);
  await page.evaluate(renderInPage, markup(contender, N, BIG_N));
  await page.evaluate(() => document.body.replaceChildren());
  const before = await heapAfterGc(cdp);
  await page.evaluate(renderInPage, markup(contender, BIG_N));
  const full = await heapAfterGc(cdp);
  await page.evaluate(async () => {
    document.body.replaceChildren();
    await new Promise(requestAnimationFrame); // removal's own microtasks and observer callbacks
  });
  const after = await heapAfterGc(cdp);
  await page.close();
  return {
    heapJs10k: (full.js - before.js) / BIG_N,
    heapAll10k: (full.all - before.all) / BIG_N,
    leftJs: ((after.js - before.js) / before.js) * 100,
    leftAll: ((after.all - before.all) / before.all) * 100,
  };
}

/** How many renders of 1,000 each contender makes on the side-by-side page, per repetition. */
const SIDE_BY_SIDE_ROUNDS = 5;

/**
 * Ours and other contenders on one page (test/bench/side-by-side.html: the Lit floor, the checking Lit floor and
 * Shoelace), rendering 1,000
 * elements in turns: a full garbage collection before each render, the order reversed every other round, new numbers
 * every round. The ratios (ours / each other) are taken within each round, between renders a second apart: this
 * machine's speed drifts by up to 2x from one second to the next (the same render of the same page takes 190 to
 * 430 ms), which the fresh-page rows, minutes apart, cannot cancel. Every round after the first is warm, for all.
 * @param {Env} env
 * @param {string} file
 * @param {Contender[]} contenders  ours first
 * @returns {Promise<Result>}
 */
async function sideBySide(env, file, contenders) {
  const { page, cdp } = await open(env, file);
  await page.evaluate((tags) => Promise.all(tags.map((tag) => customElements.whenDefined(tag))).then(() => undefined), contenders.map((contender) => String(ELEMENT[contender])));
  await page.waitForLoadState('networkidle');
  /** @type {Record<string, number[]>} */
  const ratios = Object.fromEntries(contenders.slice(1).map((other) => [`sideBySide.${other}`, []]));
  for (let round = 0; round < SIDE_BY_SIDE_ROUNDS; round++) {
    /** @type {Partial<Record<Contender, number>>} */
    const took = {};
    for (const contender of round % 2 ? [...contenders].reverse() : contenders) {
      await cdp.send('HeapProfiler.collectGarbage');
      took[contender] = await page.evaluate(renderInPage, markup(contender, N, round * N));
      if (CHECKING.includes(contender)) await expectValidNumbers(page);
      await page.evaluate(() => document.body.replaceChildren());
    }
    for (const other of contenders.slice(1)) ratios[`sideBySide.${other}`].push((took.ours ?? NaN) / (took[other] ?? NaN));
  }
  await page.close();
  return ratios;
}

/**
 * Every number the bench gives the elements (indices 0 to BIG_N + N: the renders of 1,000 and 10,000, the side-by-side
 * rounds, the new numbers), checked by ours and by the checking Lit floor, on the checking Lit floor's page: throws
 * unless both find the same ones valid and format them alike.
 * @param {Env} env
 */
async function sameNumbers(env) {
  const { page } = await open(env, EMPTY_PAGE.checkingLitFloor);
  const numbers = phoneNumbers(BIG_N + N).map(({ written }) => written);
  const result = await page.evaluate(sameNumbersInPage, { numbers, country: 'GB' });
  await page.close();
  if (result.ours !== result.floor || result.same !== result.count) {
    throw new Error(`ours and the checking Lit floor disagree on the bench's numbers (${result.ours} and ${result.floor} valid of ${result.count}):\n${result.differences.join('\n')}`);
  }
  return result;
}

/**
 * For `--against=<dir>`: a copy of that build in bench-results/against/ with its tag renamed, and a page that loads
 * it beside dist/ (ours.html's head, one script more).
 * @param {string} dir
 */
function prepareAgainst(dir) {
  if (!existsSync(`${dir}/spaces-call-button.js`)) throw new Error(`--against=${dir}: no spaces-call-button.js there; give it a dist/ folder that npm run build made`);
  const copy = `${root}bench-results/against/`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, `${copy}dist`, { recursive: true });
  const entry = `${copy}dist/spaces-call-button.js`;
  const code = readFileSync(entry, 'utf8');
  const renamed = code.replaceAll(`customElements.get(\`${TAG}\`)`, `customElements.get(\`${TAG}-b\`)`).replaceAll(`customElements.define(\`${TAG}\``, `customElements.define(\`${TAG}-b\``);
  if (!renamed.includes(`define(\`${TAG}-b\``)) throw new Error(`${entry}: no customElements.define of ${TAG} to rename`);
  writeFileSync(entry, renamed);
  const ours = readFileSync(`${root}test/bench/ours.html`, 'utf8');
  const script = '<script type="module" src="/dist/spaces-call-button.js"></script>';
  writeFileSync(`${copy}page.html`, ours.replace(script, `${script}\n    <script type="module" src="/bench-results/against/dist/spaces-call-button.js"></script>`));
}

/**
 * Milliseconds from each click (the trusted event's timeStamp) to the start of its call request,
 * one click per button, the page's first click apart.
 * @param {Env} env
 * @param {Contender} contender
 * @returns {Promise<Result>}
 */
async function clicks(env, contender) {
  const { page } = await open(env, EMPTY_PAGE[contender]);
  await page.evaluate(renderInPage, markup(contender, CLICKS_PER_PAGE + 1));
  for (let i = 0; i <= CLICKS_PER_PAGE; i++) {
    const { x, y } = await page.evaluate(buttonCenter, `#b${i}`);
    await page.mouse.click(x, y); // moves there first, so pointerenter fires as for a person
    await page.evaluate(callRequests, i + 1);
  }
  const { clicked, started } = await page.evaluate(() => {
    const probes = /** @type {ProbedWindow} */ (window);
    return { clicked: probes.clicks, started: probes.callStarts() };
  });
  await page.close();
  if (clicked.length !== started.length) throw new Error(`${clicked.length} clicks but ${started.length} call requests (${contender})`);
  const latencies = started.map((start, i) => start - clicked[i]);
  return { firstClick: latencies[0], click: latencies.slice(1) };
}

/**
 * A contact list as it loads: when its first button is ready and how long the main thread was busy by
 * then (TaskDuration; ScriptDuration would leave out microtasks, where Lit renders), how long the
 * script took from its last file's arrival to defining the tag, and the dist files loaded until the
 * tag is defined, until the first button is ready, for the page view, and after one call (which loads
 * the API client).
 * @param {Env} env
 * @param {string} name  the prefix of the result names
 * @param {string} file  a page in test/bench/
 * @returns {Promise<Result>}
 */
async function pageLoad(env, name, file) {
  const { page, cdp } = await open(env, file, { metrics: true });
  await page.waitForFunction(() => /** @type {ProbedWindow} */ (window).firstReady);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const { defined, firstReady, view } = await page.evaluate(async () => {
    const probes = /** @type {ProbedWindow} */ (window);
    await probes.settle(document.querySelectorAll('spaces-call-button'));
    return { defined: probes.defined, firstReady: probes.firstReady, view: performance.getEntriesByType('resource').map((entry) => entry.name) };
  });
  if (!defined || !firstReady) throw new Error(`${file}: the probes saw no button`);
  await expectValidNumbers(page);
  const { x, y } = await page.evaluate(buttonCenter, 'spaces-call-button');
  await page.mouse.click(x, y);
  await page.evaluate(callRequests, 1);
  const afterCall = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
  await page.close();
  const busySeconds = metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
  return {
    [`${name}.ready`]: firstReady.at,
    [`${name}.evaluation`]: defined.at - defined.lastFileEnd,
    [`${name}.busy`]: busySeconds * 1000,
    ...bytes(`${name}.defined`, defined.files),
    ...bytes(`${name}.firstReady`, firstReady.files),
    ...bytes(`${name}.view`, view),
    ...bytes(`${name}.call`, afterCall),
  };
}

/**
 * The longest zero-delay timer wait while each group of hostile answers is read (the largest in the group), and how
 * soon a call ends on its deadline (`timeout="300"`, an answer that never comes) and on a refused connection.
 * @param {Env} env
 * @returns {Promise<Result>}
 */
async function answers(env) {
  const { page } = await open(env, EMPTY_PAGE.ours);
  const hostile = `${env.apiOrigin}/hostile/bench-${Date.now().toString(36)}`;
  /** @param {string} apiBase @param {string} expected @param {number} [timeout] */
  const call = async (apiBase, expected, timeout = 30_000) => {
    const result = await page.evaluate(callWatchingTimers, { apiBase, timeout });
    if (result.outcome !== expected) throw new Error(`${apiBase}: ended as ${result.outcome}, not ${expected}`);
    return result;
  };
  /** @type {Result} */
  const result = {};
  for (const [group, cases] of Object.entries(ANSWERS)) {
    let longest = 0;
    for (const [path, outcome] of cases) longest = Math.max(longest, (await call(`${hostile}/${path}`, outcome)).longest);
    result[`answerWait.${group}`] = longest;
  }
  result.deadline = (await call(`${hostile}/delay/600000`, 'timeout', 300)).took;
  result.refused = (await call(`http://127.0.0.1:${env.closedPort}`, 'network')).took;
  await page.close();
  return result;
}

/**
 * The phone fuzz inputs through normalizePhone of the built files, in the page.
 * @param {Env} env
 * @returns {Promise<Result>}
 */
async function phoneFuzz(env) {
  const { page } = await open(env, EMPTY_PAGE.ours);
  const { total, slowest } = await page.evaluate(fuzzInPage, env.fuzzInputs);
  await page.close();
  return { fuzzTotal: total, fuzzSlowest: slowest };
}

/** @type {Map<string, { gzip: number, brotli: number }>} */
const sizes = new Map();

/**
 * The gzip -9 and brotli -11 bytes of the dist files among these URLs.
 * @param {string} name
 * @param {string[]} urls
 * @returns {Result}
 */
function bytes(name, urls) {
  const files = new Set(urls.map((url) => new URL(url).pathname).filter((path) => path.startsWith('/dist/')));
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    if (!sizes.has(file)) {
      const content = readFileSync(root + file.slice(1));
      sizes.set(file, {
        gzip: gzipSync(content, { level: 9 }).length,
        brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    }
    const size = /** @type {{ gzip: number, brotli: number }} */ (sizes.get(file));
    gzip += size.gzip;
    brotli += size.brotli;
  }
  return { [`${name}.gzip`]: gzip, [`${name}.brotli`]: brotli };
}

// ---------------------------------------------------------------------------------------------
// Running, summarizing, reporting.

/**
 * @param {Env} env
 * @returns {Task[]}
 */
const tasks = (env) =>
  AGAINST ? [{ contender: /** @type {Contender} */ ('ours'), run: () => sideBySide(env, AGAINST_PAGE, ['ours', 'other']) }] : RECORD_ONLY ? recordTasks(env) : SCAN_ONLY ? scanTasks(env) : [
  ...CONTENDERS.map((contender) => ({ contender, run: () => thousand(env, contender) })),
  ...CONTENDERS.map((contender) => ({ contender, run: () => thousand(env, contender, { warm: true }) })),
  { contender: 'ours', run: () => sideBySide(env, 'side-by-side.html', ['ours', 'litFloor', 'checkingLitFloor', 'shoelace']) },
  ...CONTENDERS.map((contender) => ({ contender, run: () => tenThousand(env, contender) })),
  ...CONTENDERS.map((contender) => ({ contender, run: () => release(env, contender) })),
  ...(PER_ELEMENT_ONLY ? [] : otherTasks(env)),
];

/**
 * @param {Env} env
 * @returns {Task[]}
 */
const otherTasks = (env) => [
  ...CLICKABLE.map((contender) => ({ contender, run: () => clicks(env, contender) })),
  { contender: 'ours', run: () => pageLoad(env, 'module1', 'one-country.html') },
  { contender: 'ours', run: () => pageLoad(env, 'module10', 'ten-countries.html') },
  { contender: 'ours', run: () => pageLoad(env, 'classic1', 'classic-one-country.html') },
  { contender: 'ours', run: () => answers(env) },
  { contender: 'ours', run: () => phoneFuzz(env) },
  ...recordTasks(env),
  ...scanTasks(env),
];

/**
 * The page scan's CRM table, with the scan on and off.
 * @param {Env} env
 * @returns {Task[]}
 */
const scanTasks = (env) =>
  [true, false].map((scan) => ({ contender: /** @type {Contender} */ ('ours'), run: () => scanPage(env.browser, env.origin, { scan, errors: env.errors }) }));

/**
 * The record page (5 numbers) and the list page (1,000 rows) of each kind, locally and over the 4G-like link. The record
 * page is opened RECORD_SAMPLES times per repetition, in turn with the other kinds (15 samples with the default 5
 * repetitions): its goal is a ratio within a few per cent of 1, and this machine moves a median of 5 by as much.
 * @param {Env} env
 * @returns {Task[]}
 */
const recordTasks = (env) => {
  /** @param {5 | 1000} rows */
  const pages = (rows) =>
    env.recordKinds.flatMap((kind) =>
      /** @type {const} */ (['local', '4G']).map((link) => ({
        contender: /** @type {Contender} */ ('ours'),
        run: async () => {
          const result = await recordPage(env.browser, env.origin, kind, { rows, link, errors: env.errors });
          return Object.fromEntries(Object.entries(result).map(([metric, value]) => [`${kind}.${metric}`, value]));
        },
      })),
    );
  return [...Array.from({ length: RECORD_SAMPLES }, () => pages(5)).flat(), ...pages(1000)];
};

/**
 * Runs every task `reps` times, in reverse order every other time.
 * @param {Task[]} all
 * @param {number} reps
 * @returns {Promise<Map<string, number[]>>}  samples by `metric/contender`
 */
async function repeat(all, reps) {
  /** @type {Map<string, number[]>} */
  const samples = new Map();
  for (let rep = 0; rep < reps; rep++) {
    process.stderr.write(`repetition ${rep + 1}/${reps}\n`);
    for (const { contender, run } of rep % 2 ? [...all].reverse() : all) {
      for (const [metric, value] of Object.entries(await run())) {
        const key = `${metric}/${contender}`;
        samples.set(key, [...(samples.get(key) ?? []), ...[value].flat()]);
      }
    }
  }
  return samples;
}

/** @param {number[]} values */
const sorted = (values) => [...values].sort((a, b) => a - b);
/** @param {number[]} values */
const median = (values) => {
  const s = sorted(values);
  const middle = s.length >> 1;
  return s.length % 2 ? s[middle] : (s[middle - 1] + s[middle]) / 2;
};
/** @param {number} p */
const percentile = (p) => (/** @type {number[]} */ values) => sorted(values)[Math.ceil(p * values.length) - 1];

/**
 * @typedef {'ms' | 'bytes' | 'size' | 'percent' | 'count'} Unit  size: gzip in the contender columns, brotli beside it
 * @typedef {{ metric: string, unit: Unit, ours?: number, links?: number, floor?: number, litFloor?: number, checkingLitFloor?: number, shoelace?: number, brotli?: number, ratio?: number, vs?: string, goal?: string, met?: boolean }} Row
 *   ratio: ours / the `vs` contender's figure (or the row's own, as said)
 */

/**
 * @param {Map<string, number[]>} samples
 * @returns {Row[]}
 */
function summarize(samples) {
  /** NaN where a contender has no such measurement. @param {string} metric @param {Contender} [contender] */
  const get = (metric, contender = 'ours', stat = median) => {
    const values = samples.get(`${metric}/${contender}`);
    return values ? stat(values) : NaN;
  };
  /** @param {string} metric */
  const all = (metric, stat = median) => Object.fromEntries(CONTENDERS.map((contender) => [contender, get(metric, contender, stat)]));
  /** @param {number} value @param {number} max @param {string} goal */
  const check = (value, max, goal) => ({ ratio: value, goal, met: value <= max });
  /** ours / another contender, on the same metric. @param {string} metric @param {Contender} other @param {number} [max] */
  const versus = (metric, other, max) => {
    const ratio = get(metric) / get(metric, other);
    const goal = max === undefined ? {} : { goal: `≤ ${max}x ${TITLE[other]}`, met: ratio <= max };
    return { ratio, vs: TITLE[other], ...goal };
  };
  /** A machine-dependent figure beside its budget (what `npm test` no longer asserts). @param {string} metric @param {number} budgetMs */
  const budget = (metric, budgetMs) => {
    const value = get(metric);
    return { unit: /** @type {const} */ ('ms'), ours: value, goal: `< ${budgetMs} ms`, met: value < budgetMs };
  };
  /** @param {string} metric @param {number} [budgetKb] */
  const size = (metric, budgetKb) => {
    const gzip = get(`${metric}.gzip`);
    const goal = budgetKb === undefined ? {} : { goal: `≤ ${budgetKb} KB gzip`, met: gzip <= budgetKb * 1024 };
    return { unit: /** @type {const} */ ('size'), ours: gzip, brotli: get(`${metric}.brotli`), ...goal };
  };
  const p50 = percentile(0.5);
  const p95 = percentile(0.95);

  return [
    { metric: `render 1,000 side by side on one page (${samples.get('sideBySide.checkingLitFloor/ours')?.length} rounds): ours / checking Lit floor`, unit: 'ms', ...check(get('sideBySide.checkingLitFloor'), 1.1, '≤ 1.1x checking Lit floor'), vs: TITLE.checkingLitFloor },
    { metric: '  ours / Lit floor', unit: 'ms', ratio: get('sideBySide.litFloor'), vs: TITLE.litFloor },
    { metric: '  ours / Shoelace', unit: 'ms', ratio: get('sideBySide.shoelace'), goal: '< 1x Shoelace', met: get('sideBySide.shoelace') < 1, vs: TITLE.shoelace },
    ...(AGAINST ? [{ metric: `render 1,000 side by side on one page (${samples.get('sideBySide.other/ours')?.length} rounds): dist/ / ${AGAINST}`, unit: /** @type {const} */ ('ms'), ratio: get('sideBySide.other'), vs: TITLE.other }] : []),
    { metric: 'render 1,000 from HTML, fresh page', unit: 'ms', ...all('render'), ...versus('render', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'ms', ...versus('render', 'checkingLitFloor') },
    { metric: '  ours / Shoelace', unit: 'ms', ...versus('render', 'shoelace') },
    { metric: '  ours / floor', unit: 'ms', ...versus('render', 'floor') },
    { metric: 'render 1,000, fresh page after one element', unit: 'ms', ...all('renderWarm'), ...versus('renderWarm', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'ms', ...versus('renderWarm', 'checkingLitFloor') },
    { metric: '  ours / Shoelace', unit: 'ms', ...versus('renderWarm', 'shoelace') },
    { metric: `numbers valid and formatted when render 1,000 ends (of ${N.toLocaleString('en')})`, unit: 'count', ...all('valid') },
    { metric: 'render 10,000 from HTML', unit: 'ms', ...all('render10k'), ...check(get('render10k') / get('render'), 10, '≤ 10x ours 1,000'), vs: 'ours 1,000' },
    { metric: 'change number on 1,000', unit: 'ms', ...all('change'), ...versus('change', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'ms', ...versus('change', 'checkingLitFloor') },
    { metric: `click → request p50 (${samples.get('click/ours')?.length} clicks)`, unit: 'ms', ...all('click', p50), ratio: get('click', 'ours', p50) / get('click', 'floor', p50), vs: TITLE.floor },
    { metric: 'click → request p95', unit: 'ms', ...all('click', p95), goal: '< 16 ms', met: get('click', 'ours', p95) < 16 },
    { metric: 'first click of a page → request', unit: 'ms', ...all('firstClick'), ratio: get('firstClick') / get('firstClick', 'floor'), vs: TITLE.floor },
    { metric: 'heap per element (JS), 1,000', unit: 'bytes', ...all('heapJs'), ...versus('heapJs', 'litFloor', 1.2) },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapJs', 'checkingLitFloor') },
    { metric: '  ours / Shoelace', unit: 'bytes', ...versus('heapJs', 'shoelace') },
    { metric: '  ours / floor', unit: 'bytes', ...versus('heapJs', 'floor') },
    { metric: 'heap per element (JS + DOM), 1,000', unit: 'bytes', ...all('heapAll'), ...versus('heapAll', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapAll', 'checkingLitFloor') },
    { metric: 'heap per element (JS), 1,000, after one element', unit: 'bytes', ...all('heapJsWarm'), ...versus('heapJsWarm', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapJsWarm', 'checkingLitFloor') },
    { metric: 'heap per element (JS + DOM), 1,000, after one element', unit: 'bytes', ...all('heapAllWarm'), ...versus('heapAllWarm', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapAllWarm', 'checkingLitFloor') },
    { metric: 'heap per element (JS), 10,000', unit: 'bytes', ...all('heapJs10k'), ...versus('heapJs10k', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapJs10k', 'checkingLitFloor') },
    { metric: 'heap per element (JS + DOM), 10,000', unit: 'bytes', ...all('heapAll10k'), ...versus('heapAll10k', 'litFloor') },
    { metric: '  ours / checking Lit floor', unit: 'bytes', ...versus('heapAll10k', 'checkingLitFloor') },
    { metric: 'JS heap left after removing all 10,000', unit: 'percent', ...all('leftJs'), goal: '≤ 5% of before', met: get('leftJs') <= 5 },
    { metric: 'JS + DOM heap left after removing all 10,000', unit: 'percent', ...all('leftAll'), goal: '≤ 5% of before', met: get('leftAll') <= 5 },
    { metric: 'JS heap of the idle page before its first element', unit: 'bytes', ...all('pageHeap'), ...versus('pageHeap', 'litFloor') },
    { metric: 'ES module: until the tag is defined', ...size('module1.defined') },
    { metric: 'ES module: until the first button is ready', ...size('module1.firstReady', 20) },
    { metric: 'one-country page view', ...size('module1.view') },
    { metric: 'one-country page, after a call', ...size('module1.call', 25) },
    { metric: 'ten-country page view', ...size('module10.view') },
    { metric: 'ten-country page, after a call', ...size('module10.call') },
    { metric: 'classic script', ...size('classic1.defined', 45) },
    { metric: 'classic script, one-country page view', ...size('classic1.view') },
    { metric: 'ES module: navigation → first button ready', unit: 'ms', ours: get('module1.ready') },
    { metric: 'ES module: main thread busy until then', unit: 'ms', ours: get('module1.busy') },
    { metric: 'ES module: script evaluation (loaded → defined)', unit: 'ms', ours: get('module1.evaluation') },
    { metric: 'classic: navigation → first button ready', unit: 'ms', ours: get('classic1.ready') },
    { metric: 'classic: main thread busy until then', unit: 'ms', ours: get('classic1.busy') },
    { metric: 'classic: script evaluation (loaded → defined)', unit: 'ms', ours: get('classic1.evaluation') },
    ...recordRows(get),
    ...scanRows(get),
    { metric: 'zero-delay timer wait while an answer is read (up to 3 MB)', ...budget('answerWait.small', 200) },
    { metric: 'zero-delay timer wait while a 10 MB answer is read', ...budget('answerWait.big', 400) },
    { metric: 'zero-delay timer wait, 100,000 receivers (8 MB)', ...budget('answerWait.receivers', 400) },
    { metric: 'timeout="300", no answer: click → timeout', ...budget('deadline', 2000) },
    { metric: 'refused connection: click → network error', ...budget('refused', 3000) },
    { metric: `phone fuzz: ${FUZZ_INPUTS.toLocaleString('en')} inputs through normalizePhone`, unit: 'ms', ours: get('fuzzTotal') },
    { metric: 'phone fuzz: the slowest input', ...budget('fuzzSlowest', 250) },
  ];
}

/**
 * The record and list pages' rows (test/bench/record-pages.mjs): ours as an ES module beside the checking Lit floor
 * in one file and plain links; then the classic script; then, with --record-against, the other build.
 * @param {(metric: string) => number} get  the median of one of ours' measurements
 * @returns {Row[]}
 */
function recordRows(get) {
  /** @type {Row[]} */
  const rows = [];
  for (const rowsOnPage of [5, 1000]) {
    for (const link of ['local', '4G']) {
      const of = (/** @type {string} */ kind, /** @type {string} */ what) => get(`${kind}.record${rowsOnPage}.${link}.${what}`);
      const page = rowsOnPage === 5 ? `record page, 5 numbers, ${link}` : `list page, 1,000 rows, ${link}`;
      const max = rowsOnPage === 5 ? (link === '4G' ? 1.1 : 1.5) : undefined;
      const ratio = of('module', 'ready') / of('checkingLitFloor', 'ready');
      rows.push(
        {
          metric: `${page}: navigation → ${rowsOnPage === 5 ? 'every number' : 'the first screen’s numbers'} checked`,
          unit: 'ms',
          ours: of('module', 'ready'),
          links: of('links', 'ready'),
          checkingLitFloor: of('checkingLitFloor', 'ready'),
          ratio,
          vs: TITLE.checkingLitFloor,
          ...(max === undefined ? {} : { goal: `≤ ${max}x ${TITLE.checkingLitFloor}`, met: ratio <= max }),
        },
        { metric: '  main thread busy until then', unit: 'ms', ours: of('module', 'busy'), links: of('links', 'busy'), checkingLitFloor: of('checkingLitFloor', 'busy') },
        {
          metric: '  sequential round trips after the HTML',
          unit: 'count',
          ours: of('module', 'trips'),
          links: of('links', 'trips'),
          checkingLitFloor: of('checkingLitFloor', 'trips'),
          ...(rowsOnPage === 5 && link === '4G' ? { goal: '≤ 2', met: of('module', 'trips') <= 2 } : {}),
        },
        { metric: '  requests until then', unit: 'count', ours: of('module', 'files'), links: of('links', 'files'), checkingLitFloor: of('checkingLitFloor', 'files') },
        {
          metric: "  with the README's preload tags: ready",
          unit: 'ms',
          ours: of('preloaded', 'ready'),
          ratio: of('preloaded', 'ready') / of('checkingLitFloor', 'ready'),
          vs: TITLE.checkingLitFloor,
        },
        { metric: '  with the preload tags: round trips after the HTML', unit: 'count', ours: of('preloaded', 'trips') },
        { metric: '  classic script: ready', unit: 'ms', ours: of('classic', 'ready'), ratio: of('classic', 'ready') / of('checkingLitFloor', 'ready'), vs: TITLE.checkingLitFloor },
        { metric: '  classic script: busy, round trips', unit: 'ms', ours: of('classic', 'busy'), ratio: of('classic', 'trips'), vs: 'round trips' },
      );
      if (RECORD_AGAINST) {
        rows.push(
          { metric: `  ES module / ${RECORD_AGAINST}'s`, unit: 'ms', ratio: of('module', 'ready') / of('otherModule', 'ready'), vs: 'the other build' },
          { metric: `  classic script / ${RECORD_AGAINST}'s`, unit: 'ms', ratio: of('classic', 'ready') / of('otherClassic', 'ready'), vs: 'the other build', goal: '≤ 1x the other build', met: of('classic', 'ready') <= of('otherClassic', 'ready') },
          { metric: `  ${RECORD_AGAINST}: ES module ready, round trips`, unit: 'ms', ours: of('otherModule', 'ready'), ratio: of('otherModule', 'trips'), vs: 'round trips' },
        );
      }
    }
  }
  return rows;
}

/**
 * The page scan's rows (test/bench/scan-page.mjs): a CRM table of 5,000 rows as a server renders it, the scan on and
 * off. The longest task counts only tasks of 50 ms or more (the browser reports no shorter ones): 0 means none.
 * @param {(metric: string) => number} get  the median of one of ours' measurements
 * @returns {Row[]}
 */
function scanRows(get) {
  const table = `CRM table, ${SCAN_ROWS.toLocaleString('en')} rows`;
  return [
    { metric: `${table}, scan on: navigation → the first screen's numbers callable`, unit: 'ms', ours: get('scanOn.firstScreen') },
    { metric: '  longest main-thread task while scanning', unit: 'ms', ours: get('scanOn.longestTask'), goal: '≤ 50 ms', met: get('scanOn.longestTask') <= 50 },
    { metric: '  total scan time (its code arrived → the last button rendered)', unit: 'ms', ours: get('scanOn.total') },
    { metric: '  navigation → the last button rendered', unit: 'ms', ours: get('scanOn.done') },
    { metric: '  buttons inserted', unit: 'count', ours: get('scanOn.buttons'), goal: `= ${SCAN_ROWS.toLocaleString('en')}`, met: get('scanOn.buttons') === SCAN_ROWS },
    { metric: '  JS heap after', unit: 'bytes', ours: get('scanOn.heap') },
    { metric: `${table}, scan off: navigation → load event end`, unit: 'ms', ours: get('scanOff.done') },
    { metric: '  longest main-thread task after DOMContentLoaded', unit: 'ms', ours: get('scanOff.longestTask') },
    { metric: '  buttons inserted', unit: 'count', ours: get('scanOff.buttons'), goal: '0, the scan not loaded', met: get('scanOff.buttons') === 0 && get('scanOff.chunkLoaded') === 0 },
    { metric: '  JS heap after', unit: 'bytes', ours: get('scanOff.heap') },
  ];
}

/**
 * @param {number | undefined} value
 * @param {Unit} unit
 */
function format(value, unit) {
  if (value === undefined) return '';
  if (Number.isNaN(value)) return '—';
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'count') return value.toFixed(0);
  if (unit === 'percent') return `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
  if (unit === 'bytes') return value >= 10_240 ? `${(value / 1024).toFixed(0)} KB` : `${value.toFixed(0)} B`;
  return `${(value / 1024).toFixed(1)} KB`;
}

/** @param {Row[]} rows */
function print(rows) {
  const table = rows.map((row) => [
    row.metric,
    row.unit === 'size' ? `${format(row.ours, 'size')} / ${format(row.brotli, 'size')}` : format(row.ours, row.unit),
    format(row.links, row.unit),
    format(row.floor, row.unit),
    format(row.litFloor, row.unit),
    format(row.checkingLitFloor, row.unit),
    format(row.shoelace, row.unit),
    row.ratio === undefined || Number.isNaN(row.ratio) ? '' : `${row.ratio.toFixed(2)}x ${row.vs ?? ''}`.trimEnd(),
    row.goal ?? '',
    row.met === undefined ? '' : row.met ? 'yes' : 'NO',
  ]);
  const header = ['metric', 'ours', 'links', 'floor', TITLE.litFloor, TITLE.checkingLitFloor, TITLE.shoelace, 'ratio (ours / …)', 'goal', 'met?'];
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i].length)));
  const line = (/** @type {string[]} */ cells) => cells.map((cell, i) => (i === 0 || i >= 7 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...table.map(line)].join('\n'));
  const recordPages = AGAINST || PER_ELEMENT_ONLY || SCAN_ONLY ? '' : ` (the record page's: of ${REPS * RECORD_SAMPLES} samples, ${RECORD_SAMPLES} per repetition)`;
  console.log('\nMedians of %d repetitions%s. Sizes: gzip -9 / brotli -11 of the dist files loaded.', REPS, recordPages);
}

/**
 * The phone fuzz test's inputs: its generator (TypeScript, only type imports) made plain JavaScript with Vite's transform.
 * @returns {Promise<{ input: string, country?: string }[]>}
 */
async function makeFuzzInputs() {
  /** @param {string} file */
  const load = async (file) => {
    const { code } = await transformWithOxc(readFileSync(root + file, 'utf8'), file, { lang: 'ts' });
    return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  };
  const { seededRandom } = await load('test/support/seeded-random.ts');
  const { fuzzInputs } = await load('test/hardening/phone-fuzz-inputs.ts');
  const { default: metadata } = await import('libphonenumber-js/min/metadata');
  return fuzzInputs(seededRandom(FUZZ_SEED), metadata, FUZZ_INPUTS).map((/** @type {{ input: string, country?: string }} */ { input, country }) => ({ input, country }));
}

async function start() {
  const mock = createMockSpacesApi();
  const hostile = createHostileApi();
  const api = await listen(
    createServer((req, res) => {
      if (!mock.handle(req, res) && !hostile.handle(req, res)) res.writeHead(404).end();
    }),
    'localhost',
  );
  const site = await serveStatic(root, { apiBase: `${api.origin}/mock/bench` });
  const closedPort = (await (await fetch(`${api.origin}/hostile/__closed-port`)).json()).port;
  const fuzzInputs = await makeFuzzInputs();
  const recordKinds = await prepareRecordPages(root, { five: phoneNumbers(5), thousand: phoneNumbers(1_000), against: RECORD_AGAINST });
  // The scan reads text, not tel: links: a tel: form is written as the number it holds.
  prepareScanPages(root, phoneNumbers(SCAN_ROWS).map(({ written }) => written.replace(/^tel:/, '')));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  /** @type {Env} */
  const env = { browser, origin: site.origin, apiOrigin: api.origin, closedPort, fuzzInputs, recordKinds, errors: [] };
  const close = async () => {
    await browser.close();
    await site.close();
    await api.close();
  };
  return { env, close };
}

/** Builds dist/ only when its entry files are missing; otherwise benchmarks it as it is. */
function ensureBuilt() {
  if (['spaces-call-button.js', 'spaces-call-button.iife.js'].every((file) => existsSync(`${root}dist/${file}`))) return;
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}

ensureBuilt();
if (AGAINST) prepareAgainst(AGAINST);
const { env, close } = await start();
try {
  const numbers = AGAINST ? undefined : await sameNumbers(env);
  const loadBefore = loadavg();
  const samples = await repeat(tasks(env), REPS);
  const loadAfter = loadavg();
  const rows = summarize(samples);
  print(PER_ELEMENT_ONLY || AGAINST || RECORD_ONLY || SCAN_ONLY ? rows.filter((row) => !Number.isNaN(row.ours ?? row.ratio ?? NaN)) : rows);
  const load = (/** @type {number[]} */ averages) => averages.map((average) => average.toFixed(2)).join(', ');
  if (numbers) console.log(`The bench's ${numbers.count.toLocaleString('en')} numbers: valid for ours ${numbers.ours.toLocaleString('en')}, for the checking Lit floor ${numbers.floor.toLocaleString('en')}; checked and formatted alike: ${numbers.same.toLocaleString('en')}.`);
  console.log(`Load average (1, 5, 15 min) on ${availableParallelism()} cores: ${load(loadBefore)} before, ${load(loadAfter)} after.`);
  mkdirSync(`${root}bench-results`, { recursive: true });
  const results = { date: new Date().toISOString(), node: process.version, chromium: env.browser.version(), reps: REPS, load: { before: loadBefore, after: loadAfter }, numbers, rows, samples: Object.fromEntries(samples) };
  const output = `bench-results/${AGAINST ? 'against' : 'latest'}.json`;
  writeFileSync(root + output, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Written to ${output}`);
  if (env.errors.length) {
    console.error(`\nPage errors:\n${env.errors.join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await close();
}
