// @ts-check
/**
 * Hardening (issue 10), 1,000 live calls with no growth: the built ES module on a plain page, 100 live buttons
 * each placing 10 calls (10 rounds of 100 at once, `max-concurrent-calls` 0, `reset-delay` 50 ms), over the mock
 * Spaces API and its real Socket.IO v2 channel with short scenario delays (answered after 50 ms, ended 100 ms later).
 *
 * - one connection: the channel is sampled every few milliseconds from the server side (never more than one open
 *   connection) and WebSocket upgrades are counted (one for the whole run);
 * - every call ends exactly once (1,000 `spaces-call-end`, each round one per button and per call id), followed,
 *   with exactly the outcome of the events the mock sent or delivered for it (read from its log), which is answered
 *   for every call: the channel is open before the calls (the mock keeps only 100 events for a connection to come),
 *   and the mock sends each answer before its end even when its event loop lags (the regression test at the end);
 * - nothing grows from the end of the first round to the end of the last, after garbage collection (as
 *   resource-hygiene.test.mjs measures): JS heap (< 1 MB), DOM nodes, event listeners (DOM counters, and
 *   window's and document's own), live timers and intervals (wrapped before any script runs, so each is known by
 *   its delay), the call registry, the channel's followed calls, the call gate; no unhandled rejection.
 * Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.mjs';
import { startLiveMock } from '../support/live-mock-server.mjs';
import { growthBetween, instrumentPage, pageResources } from '../support/page-instrument.mjs';
import { serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const BUTTONS = 100;
const ROUNDS = 10;
const MAX_HEAP_GROWTH = 1024 * 1024;
const DELAYS = { answerMs: 50, talkMs: 100, notAnsweredMs: 50, shortTalkMs: 50, dropMs: 50 };
const TOKEN = 'thousand-calls-token';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startLiveMock>>} */
let live;

before(async () => {
  live = await startLiveMock(DELAYS);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await live?.close();
});

/**
 * @param {() => boolean | Promise<boolean>} condition
 * @param {string} what
 */
async function until(condition, what, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it(`${BUTTONS * ROUNDS} live calls through one connection leave nothing behind`, { timeout: 600_000 }, async () => {
  const apiBase = `${live.origin}/mock/thousand-calls`;
  await fetch(`${apiBase}/__realtime`, { method: 'DELETE', headers: { authorization: `jwt ${TOKEN}` } });
  const site = await serveStatic(root, { apiBase });
  const page = await browser.newPage();
  /** @type {string[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text().slice(0, 300)));
  // The channel, seen from the server, every few milliseconds for the whole run.
  let maxOpen = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    samples++;
    maxOpen = Math.max(maxOpen, live.connections());
  }, 5);
  const upgradesBefore = live.upgrades();
  try {
    await page.addInitScript(instrumentPage);
    await page.goto(`${site.origin}/test/hardening-bundle/pages/live-many.html?socket=${encodeURIComponent(live.socketUrl)}`);
    await page.waitForFunction(() => customElements.get('spaces-call-button') && /** @type {any} */ (window).liveMany);
    await page.evaluate((count) => /** @type {any} */ (window).liveMany.make(count), BUTTONS);
    const cdp = await page.context().newCDPSession(page);

    /** @returns {Promise<any>} */
    const probes = () => page.evaluate(() => /** @type {any} */ (window).liveMany.probes());
    const measure = async () => {
      return { ...(await pageResources(cdp)), ...(await probes()) };
    };

    let rounds = 0;
    const started = Date.now();
    /** What the mock sent, and how each call ended in the page. */
    const checked = { answered: 0, unknown: 0, answerNotSent: 0, wrong: /** @type {string[]} */ ([]) };
    const playRound = async () => {
      if (rounds === 0) {
        // The first call opens the page's channel; the others follow once it is open, as in the 200-button test. (Had
        // they all been placed before, the mock would keep only the last 100 of their 200 events for the connection
        // to come: its MAX_QUEUE.)
        await page.evaluate(() => /** @type {any} */ (window).liveMany.first());
        await until(async () => (await probes()).channelState === 'open', 'the channel to open');
        assert.equal(await page.evaluate(() => /** @type {any} */ (window).liveMany.round(1)), BUTTONS - 1);
      } else {
        assert.equal(await page.evaluate(() => /** @type {any} */ (window).liveMany.round()), BUTTONS);
      }
      rounds++;
      await until(() => page.evaluate(() => /** @type {any} */ (window).liveMany.roundOver()), `round ${rounds} to end`);
      // Each call's outcome must be what the channel said of it: answered when the mock sent the answer, unknown
      // (an end with no answer before it) when it did not (see the regression test below). The log is read, then emptied.
      const headers = { authorization: `jwt ${TOKEN}` };
      const { entries } = await (await fetch(`${apiBase}/__realtime`, { headers })).json();
      await fetch(`${apiBase}/__realtime`, { method: 'DELETE', headers });
      /** @type {Map<string, string[]>} */
      const sent = new Map();
      for (const entry of entries) {
        // Sent to a connection, or kept for the next one and delivered then (not `queued` alone: the queue is bounded).
        if (entry.type === 'sent' || entry.type === 'delivered') sent.set(entry.spaceCallId, [...(sent.get(entry.spaceCallId) ?? []), entry.category]);
      }
      /** @type {[string, string][]} */
      const ends = await page.evaluate(() => /** @type {any} */ (window).liveMany.roundEnds());
      assert.equal(ends.length, BUTTONS);
      for (const [spaceCallId, outcome] of ends) {
        const categories = sent.get(spaceCallId) ?? [];
        // Answered when the answer came before the end; an end with no answer before it says nothing more.
        const answer = categories.indexOf('space.call.accepted');
        const expected = answer !== -1 && answer < categories.indexOf('space.call.ended') ? 'answered' : 'unknown';
        if (expected === 'unknown') checked.answerNotSent++;
        if (outcome === 'answered') checked.answered++;
        if (outcome === 'unknown') checked.unknown++;
        if (outcome !== expected || !categories.includes('space.call.ended')) checked.wrong.push(`${spaceCallId}: ${outcome} after ${categories.join(', ') || 'nothing'}`);
      }
    };

    await playRound();
    const warm = await measure();
    while (rounds < ROUNDS) await playRound();
    const end = await measure();
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const upgrades = live.upgrades() - upgradesBefore;
    const server = live.mock.realtime.stats();

    /** Live timers by delay, without the one a ping holds while its pong is on the way (socket.io@2's pingTimeout). */
    const steady = (/** @type {Record<string, number>} */ timers) => Object.fromEntries(Object.entries(timers).filter(([ms]) => ms !== '5000'));
    const growth = growthBetween(warm, end);
    const calls = rounds * BUTTONS;
    console.log(
      `RELIABILITY: 1,000 live calls: ${calls} calls (${BUTTONS} live buttons × ${rounds} rounds, all at once, answered after ` +
        `${DELAYS.answerMs} ms and ended ${DELAYS.talkMs} ms later) in ${seconds.toFixed(1)} s: ${end.counts.end} spaces-call-end ` +
        `(${Object.entries(end.outcomes).map(([outcome, n]) => `${n} ${outcome}`).join(', ')}; ${end.counts.duplicateEnds} duplicates; ` +
        `${checked.answerNotSent} calls whose answer the mock never delivered, each rightly ended unknown; ${checked.wrong.length} outcomes unlike the channel's events), ` +
        `${end.counts.error} call errors; ${upgrades} WebSocket connection(s) opened, at most ${maxOpen} open at once in ${samples} samples, ` +
        `${server.connections} at the end; growth from call ${BUTTONS} to call ${calls} after GC: heap ${(growth.heapBytes / 1024).toFixed(0)} KB ` +
        `(limit ${MAX_HEAP_GROWTH / 1024} KB), DOM nodes ${growth.nodes}, JS event listeners ${growth.jsEventListeners} ` +
        `(window ${growth.windowListeners}, document ${growth.documentListeners}), live timers ${growth.liveTimers} ` +
        `(at the end: ${JSON.stringify(end.timers)} by delay in ms, ${end.liveIntervals} intervals); at the end: ${end.followers} calls followed, ` +
        `${end.earlyEvents} events waiting, ${end.watchers} calls watched by the channel (${end.channelState}), ${end.callsPlacing} in the call gate; ` +
        `mock: ${server.calls} calls, ${server.timers} timers; ${end.rejections.length} unhandled rejections, ${pageErrors.length} page errors`,
    );

    // Every call ended exactly once, answered and followed over the channel: each with the outcome its events give.
    assert.equal(end.counts.success, calls);
    assert.equal(end.counts.end, calls);
    assert.equal(end.counts.duplicateEnds, 0);
    assert.equal(end.counts.error, 0);
    assert.deepEqual(checked.wrong.slice(0, 5), [], `each outcome as the channel told it (the first 5 of ${checked.wrong.length} that were not)`);
    assert.equal(checked.answered + checked.unknown, calls);
    assert.equal(checked.answerNotSent, 0, 'with the channel open before each call, the mock delivered every answer');
    assert.deepEqual(end.outcomes, Object.fromEntries(Object.entries({ 'answered followed': checked.answered, 'unknown followed': checked.unknown }).filter(([, n]) => n > 0)));
    assert.equal(end.counts.update, checked.answered * 3 + checked.unknown * 2, 'answered, ended, idle (or ended, idle): an update per change');
    // One connection, at any time.
    assert.equal(upgrades, 1, 'one WebSocket for the whole run');
    assert.equal(maxOpen, 1, 'never more than one connection open');
    assert.ok(samples > 100, 'the channel was sampled throughout');
    assert.equal(server.connections, 1);
    assert.equal(end.channels, 1);
    assert.equal(end.channelState, 'open');
    // Nothing held for the ended calls.
    assert.equal(end.followers, 0, 'calls still followed in the registry');
    assert.equal(end.earlyEvents, 0, 'events kept for no call');
    assert.ok(end.watchers === 0 || end.watchers === -1, `calls the channel still watches: ${end.watchers}`);
    assert.equal(end.callsPlacing, 0);
    assert.equal(end.buttons, BUTTONS);
    assert.equal(server.calls, 0, 'the mock finished every scenario');
    // No growth.
    assert.ok(growth.heapBytes < MAX_HEAP_GROWTH, `heap grew by ${growth.heapBytes} bytes`);
    assert.ok(growth.nodes <= 50, `DOM nodes grew by ${growth.nodes}`);
    assert.ok(growth.jsEventListeners <= 10, `event listeners grew by ${growth.jsEventListeners}`);
    assert.equal(growth.windowListeners, 0);
    assert.equal(growth.documentListeners, 0);
    assert.deepEqual(steady(end.timers), steady(warm.timers), 'the same timers after 1,000 calls as after 100: the channel’s ping and idle close');
    assert.equal(end.liveIntervals, 0, 'no elapsed-time ticker left');
    assert.equal(end.defaultsListeners, warm.defaultsListeners);
    assert.deepEqual(end.rejections, []);
    assert.deepEqual(end.errors, []);
    assert.deepEqual(pageErrors, []);
  } finally {
    clearInterval(sampler);
    await page.close();
    await site.close();
  }
});

// Regression (was a bug, fixed; demo/mock-spaces-realtime.js, callPlaced/later/end): each step of a scenario is its own setTimeout counted
// from the offer, and the last step calls end(call), which clears the call's other timers. When the mock's event
// loop lags, Node runs every due timer of one duration's list before the next list's, so the 'space.call.ended'
// timer (answerMs + talkMs) can run before the 'space.call.accepted' one (answerMs) and clear it: the answer is never
// sent, and the caller rightly reads a bare end as outcome 'unknown'. Seen in the 1,000-call test above (about 5 to
// 10% of calls when the machine is busy); reproduced here deterministically by blocking the event loop.
it(
  'the mock sends a call’s answer before its end even when its event loop lags',
  { timeout: 60_000 },
  async () => {
    const lagging = await startLiveMock({ answerMs: 200, talkMs: 200 });
    // @ts-ignore socket.io-client@2 ships no types
    const { default: io } = await import('socket.io-client');
    const token = 'lagging-mock-token';
    const socket = io(`${lagging.origin}/chat`, { transports: ['websocket'], query: { tokenType: 'jwt', token }, forceNew: true, reconnection: false });
    /** @type {{ category: string, spaceCallId: string }[]} */
    const events = [];
    socket.on('MEDIA_SESSION_RESPONSE', (/** @type {any} */ event) => events.push(event));
    try {
      await new Promise((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      /** @returns {Promise<{ spaceCallId: string }>} */
      const place = async () =>
        (
          await fetch(`${lagging.origin}/mock/lagging/api/spacescalling/aura/call`, {
            method: 'POST',
            headers: { authorization: `jwt ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ callees: [{ address: '+442079461234', displayname: '' }] }),
          })
        ).json();
      const categoriesOf = (/** @type {string} */ id) => events.filter((event) => event.spaceCallId === id).map((event) => event.category);
      const first = await place();
      await until(() => categoriesOf(first.spaceCallId).includes('space.call.accepted'), 'the first call’s answer');
      // The second call's timers are set now; the first call's end is due before the second call's answer.
      const second = await place();
      const blockedUntil = Date.now() + 600; // a busy mock: both of the second call's steps fall due meanwhile
      while (Date.now() < blockedUntil);
      await until(() => categoriesOf(second.spaceCallId).includes('space.call.ended'), 'the second call’s end');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(categoriesOf(first.spaceCallId), ['space.call.accepted', 'space.call.ended']);
      assert.deepEqual(categoriesOf(second.spaceCallId), ['space.call.accepted', 'space.call.ended'], 'the answer, then the end');
    } finally {
      socket.close();
      await lagging.close();
    }
  },
);
