// @ts-check
/**
 * Takes the demo's screenshots into demo/screenshots/: `node demo/screenshots.mjs`.
 * Starts the Vite dev server (the demo with its mock Spaces API) on a free port, drives the page in
 * headless Chromium like a user would, then stops both.
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
 * The contact list with an expired token error, a no-token error, a call under way, and invalid numbers.
 * @param {Page} page
 */
async function contactList(page) {
  const [expired, noToken, calling] = await firstCallableContacts(page, 3);
  await page.selectOption('#token-select', { label: 'mock-expired-token: expired' });
  await callAndWait(page, expired, 'error');
  await page.selectOption('#token-select', { label: 'None' });
  await callAndWait(page, noToken, 'error');
  await page.selectOption('#token-select', { index: 0 });
  await callAndWait(page, calling, 'calling');
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
 * The side panel's call log after all of the above.
 * @param {Page} page
 */
async function eventLog(page) {
  const panel = await page.locator('.side-panel').boundingBox();
  if (!panel) throw new Error('The side panel is not shown.');
  await shoot(page, 'event-log.png', { x: panel.x, y: 0, width: VIEWPORT.width - panel.x, height: VIEWPORT.height });
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
  for (const step of [contactList, recordPage, scenarios, eventLog, embed]) await step(page);
  if (pageErrors.length > 0) throw new AggregateError(pageErrors, 'The demo page threw.');
  console.log(`Screenshots written to ${outDir}`);
} finally {
  await demo.close();
}
