// @ts-check
/**
 * Takes the demo's screenshots into demo/screenshots/: `node demo/screenshots.mjs` (about a minute).
 * Starts the Vite dev server (the demo with its mock Spaces API and real-time channel) on a free port, drives
 * the page in headless Chromium like a user would, then stops both. Calls are followed live, with the delays
 * of `npm start`: answered after 3 s, ended 8 s later.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startDemo } from './demo-server.mjs';

const outDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const VIEWPORT = { width: 1280, height: 800 };

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('../src/spaces-call-button.js').SpacesCallButton} SpacesCallButton */

/**
 * Waits until the `<spaces-call-button>` matching `selector` has `status`.
 * @param {Page} page
 * @param {string} selector
 * @param {string} status
 */
async function waitForStatus(page, selector, status) {
  await page.waitForFunction(
    ([selector, status]) => /** @type {SpacesCallButton | null} */ (document.querySelector(selector))?.status === status,
    [selector, status],
  );
}

/**
 * Clicks a button and waits for the status the call ends in.
 * @param {Page} page
 * @param {string} selector
 * @param {string} status
 */
async function callAndWait(page, selector, status) {
  await page.click(`${selector} [part=button]`);
  await waitForStatus(page, selector, status);
}

/**
 * Selectors of the first `count` contacts' buttons whose number can be called.
 * @param {Page} page
 * @param {number} count
 */
function firstCallableContacts(page, count) {
  return page.$$eval(
    '#contact-rows spaces-call-button',
    (buttons, count) =>
      /** @type {SpacesCallButton[]} */ (buttons)
        .filter((button) => button.status === 'idle')
        .slice(0, count)
        .map((button) => `#contact-rows spaces-call-button[data-record-id="${button.dataset.recordId}"]`),
    count,
  );
}

/**
 * @param {Page} page
 * @param {string} name
 * @param {{ x: number, y: number, width: number, height: number }} [clip]
 */
const shoot = (page, name, clip) => page.screenshot({ path: `${outDir}${name}`, clip });

/**
 * Waits until the call of the button matching `selector` is over: it shows its outcome, or is ready again.
 * @param {Page} page
 * @param {string} selector
 */
async function waitForCallEnd(page, selector) {
  await page.waitForFunction((selector) => {
    const button = document.querySelector(selector);
    return button?.matches(':state(ended), :state(idle)');
  }, selector);
}

/**
 * Waits until the elapsed time shown by the answered button matching `selector` reaches `seconds` (under 10).
 * @param {Page} page
 * @param {string} selector
 * @param {number} seconds
 */
async function waitForElapsed(page, selector, seconds) {
  await page.waitForFunction(
    ([selector, seconds]) => {
      const elapsed = document.querySelector(String(selector))?.shadowRoot?.querySelector('[part=elapsed]')?.textContent ?? '';
      return /^0:0\d$/.test(elapsed) && Number(elapsed.slice(-1)) >= Number(seconds);
    },
    [selector, seconds],
  );
}

/**
 * The contact list with an expired token error, a no-token error, a call that has just ended (it shows its
 * duration), another answered and under way (its elapsed time shown), invalid numbers, and the log of both calls.
 * @param {Page} page
 */
async function contactList(page) {
  const [expired, noToken, ended, answered] = await firstCallableContacts(page, 4);
  await page.selectOption('#token-select', { label: 'mock-expired-token: expired' });
  await callAndWait(page, expired, 'error');
  await page.selectOption('#token-select', { label: 'None' });
  await callAndWait(page, noToken, 'error');
  await page.selectOption('#token-select', { index: 0 });
  // The first call ends 8 s after its answer, while the second, placed 4 s after that answer, is under way;
  // the ended one shows its outcome for reset-delay (4 s).
  await callAndWait(page, ended, 'answered');
  await page.waitForTimeout(4000);
  await callAndWait(page, answered, 'answered');
  await waitForStatus(page, ended, 'ended');
  await waitForElapsed(page, answered, 2);
  await shoot(page, 'contact-list.png');
}

/**
 * A record with a phone extension and a mobile, calling the mobile.
 * @param {Page} page
 */
async function recordPage(page) {
  await page.click('text=Dana Whitaker');
  const mobile = '#record-view .field:nth-child(2) spaces-call-button';
  await callAndWait(page, mobile, 'calling');
  await shoot(page, 'record-page.png');
}

/**
 * Every live scenario's number called in turn: answered with its elapsed time, declined, ringing (no answer
 * yet, and the silent channel: a click would cancel), failed, answered with the other spellings.
 * @param {Page} page
 */
async function liveScenarios(page) {
  await page.click('[data-nav=scenarios]');
  const buttons = await page.$$eval('#live-scenario-rows spaces-call-button', (buttons) =>
    buttons.map((button) => `#live-scenario-rows spaces-call-button[data-record-id="${/** @type {HTMLElement} */ (button).dataset.recordId}"]`),
  );
  for (const selector of buttons) await callAndWait(page, selector, 'calling');
  // The short call (0914) has been answered; the declined one (0911) still shows its outcome.
  await waitForStatus(page, '#live-scenario-rows spaces-call-button[number$="0914"]', 'answered');
  // The main area scrolls on its own: the live scenarios' heading at its top.
  await page.$eval('#live-scenarios-title', (title) => {
    const main = /** @type {HTMLElement} */ (document.getElementById('main'));
    main.scrollTop += title.getBoundingClientRect().top - main.getBoundingClientRect().top - 24;
  });
  await shoot(page, 'scenarios-live.png');

  // The silent channel's call is cancelled; every other one ends by itself.
  const silent = '#live-scenario-rows spaces-call-button[number$="0915"]';
  await page.click(`${silent} [part=button]`);
  for (const selector of buttons) await waitForCallEnd(page, selector);
}

/**
 * Every reserved number called in turn (one call is placed at a time); the slow one, last, is still placing.
 * @param {Page} page
 */
async function scenarios(page) {
  await page.click('[data-nav=scenarios]');
  const count = await page.locator('#scenario-rows spaces-call-button').count();
  const slow = await page.locator('#scenario-rows spaces-call-button[number*="0907"]').count();
  for (let index = 0; index < count; index++) {
    const selector = `#scenario-rows tr:nth-child(${index + 1}) spaces-call-button`;
    if ((await page.locator(selector).getAttribute('number'))?.includes('0907')) continue;
    await page.click(`${selector} [part=button]`);
    await page.waitForFunction((sel) => /** @type {SpacesCallButton | null} */ (document.querySelector(sel))?.status !== 'placing', selector);
  }
  if (slow) await page.click('#scenario-rows spaces-call-button[number*="0907"] [part=button]');
  await page.$eval('#main', (main) => (main.scrollTop = 0));
  await shoot(page, 'scenarios.png');
}

/**
 * The side panel's call log after the live scenarios: each call's outcome and duration.
 * @param {Page} page
 */
async function eventLog(page) {
  // Taller than the other shots, so that the log shows several calls.
  const height = 1200;
  await page.setViewportSize({ width: VIEWPORT.width, height });
  const panel = await page.locator('.side-panel').boundingBox();
  if (!panel) throw new Error('The side panel is not shown.');
  await shoot(page, 'event-log.png', { x: panel.x, y: 0, width: VIEWPORT.width - panel.x, height });
  await page.setViewportSize(VIEWPORT);
}

/**
 * The embed snippet.
 * @param {Page} page
 */
async function embed(page) {
  await page.click('[data-nav=embed]');
  await shoot(page, 'embed.png');
}

const demo = await startDemo();
try {
  await mkdir(outDir, { recursive: true });
  const page = await demo.browser.newPage({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  /** @type {Error[]} */
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(demo.origin);
  await page.waitForSelector('#contact-rows spaces-call-button');
  // The buttons load their phone data lazily; `updateComplete` also waits for each number's check.
  await page.$$eval('#contact-rows spaces-call-button', (buttons) =>
    Promise.all(/** @type {SpacesCallButton[]} */ (buttons).map((button) => button.updateComplete)),
  );
  for (const step of [contactList, recordPage, liveScenarios, eventLog, scenarios, embed]) await step(page);
  if (pageErrors.length > 0) throw new AggregateError(pageErrors, 'The demo page threw.');
  console.log(`Screenshots written to ${outDir}`);
} finally {
  await demo.close();
}
