// @ts-check
/**
 * The page scan in the built files, on plain HTML pages: a page that does not opt in does not request its chunk;
 * one that does gets its numbers' buttons, the ES module with the chunk in its first batch, the classic script with
 * the ES build's chunk loaded from beside itself. Run after `npm run build` (npm test does both).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser } from '../support/browser-harness.mjs';
import { serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCAN_CHUNK = /^\/dist\/number-scan-[\w-]+\.js$/;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;

before(async () => {
  ({ browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  await close?.();
});

/**
 * Opens a page, waits until the tag is defined and the page is idle; returns what it requested and its buttons.
 * @param {string} name
 * @param {number} buttons  how many scanned buttons to wait for
 */
async function open(name, buttons) {
  const site = await serveStatic(root, { apiBase: 'http://127.0.0.1:9' });
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const loaded = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto(`${site.origin}/test/bundle/pages/${name}`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => customElements.get('spaces-call-button'));
  await page.waitForFunction((count) => document.querySelectorAll('spaces-call-button[data-spaces-scanned]').length === count, buttons);
  const scanned = await page.evaluate(() =>
    [...document.querySelectorAll('spaces-call-button[data-spaces-scanned]')].map((button) => [button.getAttribute('number'), button.getAttribute('label')]),
  );
  const office = await page.locator('#office').textContent();
  await page.close();
  await site.close();
  return { errors, loaded, scanned, office };
}

for (const [kind, file] of [
  ['module', 'spaces-call-button.js (ES module)'],
  ['classic', 'spaces-call-button.iife.js (classic script)'],
]) {
  describe(`the page scan with ${file}`, () => {
    it('a page that does not opt in does not request the scan', async () => {
      const { errors, loaded, scanned } = await open(`scan-${kind}-off.html`, 0);
      assert.deepEqual(scanned, []);
      assert.ok(!loaded.some((path) => SCAN_CHUNK.test(path)), `requested: ${loaded.join(', ')}`);
      assert.deepEqual(errors, []);
    });

    it('a page that opts in gets a button after each number, the text as it was', async () => {
      const { errors, loaded, scanned, office } = await open(`scan-${kind}-on.html`, 2);
      assert.deepEqual(scanned, [
        ['+442079460958', 'Call 020 7946 0958'],
        ['+441134960000', 'Call 0113 496 0000'],
      ]);
      assert.equal(office, 'Office: 020 7946 0958, Leeds 0113 496 0000.');
      assert.equal(loaded.filter((path) => SCAN_CHUNK.test(path)).length, 1, `requested: ${loaded.join(', ')}`);
      assert.deepEqual(errors, []);
    });
  });
}
