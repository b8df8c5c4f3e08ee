// @ts-check
/**
 * Hardening (#5), resource hygiene: 10,000 mount/unmount cycles of the built ES module's button, in batches
 * of 250 — 170 that only render (valid and invalid numbers), 60 whose call waits on a token provider that never
 * answers, 12 whose request to the mock's slow number is under way, 8 whose call has timed out — each removed
 * at the end of its batch. Between 2,000 and 10,000 cycles, after garbage collection, nothing may grow beyond
 * noise: JS heap (< 1 MB, CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage), event listeners (CDP
 * Memory.getDOMCounters and DOMDebugger.getEventListeners on window and document), DOM nodes, live timers
 * (setTimeout/setInterval wrapped before any script runs), the page-defaults subscribers and the call gate;
 * and no promise rejection may go unhandled. Run after `npm run build`.
 *
 * Calls use a 1 s timeout, and the measurements wait 1.5 s first: AbortSignal.timeout keeps its signal
 * until it fires, which is bounded, not a leak.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser } from '../support/browser-harness.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';
import { growthBetween, instrumentPage, pageResources } from '../support/page-instrument.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BATCH = { idle: 170, tokenPending: 60, inFlight: 12, timedOut: 8 };
const PER_BATCH = BATCH.idle + BATCH.tokenPending + BATCH.inFlight + BATCH.timedOut;
const WARM_UP_CYCLES = 2_000;
const TOTAL_CYCLES = 10_000;
const MAX_HEAP_GROWTH = 1024 * 1024;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser({ slowMs: 60_000 }));
});
after(async () => {
  await close?.();
});

it(`${TOTAL_CYCLES} mount/unmount cycles, with and without a call under way, leave nothing behind`, { timeout: 120_000 }, async () => {
  const apiBase = `${api.origin}/mock/hygiene`;
  const site = await serveStatic(root, { apiBase });
  const page = await browser.newPage();
  try {
    await page.addInitScript(instrumentPage);
    await page.goto(`${site.origin}/test/hardening-bundle/pages/hygiene.html`);
    await page.waitForFunction(() => customElements.get('spaces-call-button') && /** @type {any} */ (window).hygiene);
    const cdp = await page.context().newCDPSession(page);

    const measure = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500)); // every call's 1 s deadline has fired
      return { ...(await pageResources(cdp)), ...(await page.evaluate(() => /** @type {any} */ (window).hygiene.probes())) };
    };

    let cycles = 0;
    let callsPlaced = 0;
    const started = Date.now();
    const runUntil = async (/** @type {number} */ target) => {
      while (cycles < target) {
        callsPlaced += await page.evaluate((batch) => /** @type {any} */ (window).hygiene.batch(batch), BATCH);
        cycles += PER_BATCH;
      }
    };

    await runUntil(WARM_UP_CYCLES);
    const warm = await measure();
    await runUntil(TOTAL_CYCLES);
    const end = await measure();
    const requests = await (await fetch(`${apiBase}/__log`)).json();
    const answered = requests.filter((/** @type {any} */ r) => typeof r.answer === 'number');

    const growth = growthBetween(warm, end);
    console.log(
      `RELIABILITY: resource hygiene: ${cycles} mount/unmount cycles (${(cycles / PER_BATCH) * (PER_BATCH - BATCH.idle)} with a call, ` +
        `${callsPlaced} of them placing when removed, ${requests.length} requests reached the API, ${answered.length} answered after removal) ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s; growth from ${WARM_UP_CYCLES} to ${cycles} cycles after GC: ` +
        `heap ${(growth.heapBytes / 1024).toFixed(0)} KB (limit ${MAX_HEAP_GROWTH / 1024} KB), DOM nodes ${growth.nodes}, ` +
        `JS event listeners ${growth.jsEventListeners} (window ${growth.windowListeners}, document ${growth.documentListeners}), ` +
        `live timers ${growth.liveTimers}; at the end: ${end.liveTimers} timers, ${end.liveIntervals} intervals, ` +
        `${end.defaultsListeners} page-defaults subscribers, ${end.callsPlacing} calls holding the gate, ` +
        `${end.rejections.length} unhandled rejections, ${end.errors.length} errors`,
    );

    assert.ok(growth.heapBytes < MAX_HEAP_GROWTH, `heap grew by ${growth.heapBytes} bytes`);
    // 8,000 cycles: a leak of one node or listener per button would show as thousands; a few are noise.
    assert.ok(growth.nodes <= 50, `DOM nodes grew by ${growth.nodes}`);
    assert.ok(growth.jsEventListeners <= 10, `event listeners grew by ${growth.jsEventListeners}`);
    assert.equal(growth.windowListeners, 0);
    assert.equal(growth.documentListeners, 0);
    assert.equal(end.liveTimers, 0, 'timers left running');
    assert.equal(end.liveIntervals, 0, 'intervals left running');
    assert.equal(end.buttonsInPage, 0);
    assert.equal(end.defaultsListeners, 0, 'page-defaults subscribers of removed buttons');
    assert.equal(end.callsPlacing, 0, 'places in the one-call-at-a-time gate never given back');
    assert.deepEqual(end.rejections, [], 'unhandled promise rejections');
    assert.deepEqual(end.errors, []);
    assert.ok(callsPlaced > 0 && requests.length > 0, 'calls really were under way');
    assert.deepEqual(answered, [], 'no request was answered: each was abandoned when its button went');
  } finally {
    await page.close();
    await site.close();
  }
});
