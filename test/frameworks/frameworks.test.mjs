// @ts-check
/**
 * The button in a React 19 app and a Vue 3 app, each bundled as an app would be (esbuild), served
 * plainly and driven in Chromium: properties (a token provider function), attributes, events. Then those apps and a
 * Lit one on a page with the page scan on: the scan leaves their DOM alone, and they go on updating it.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startMockApiAndBrowser } from '../support/browser-harness.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;
const folders = /** @type {string[]} */ ([]);

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  await close?.();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** @param {string} entry */
async function bundle(entry) {
  const folder = await mkdtemp(join(tmpdir(), 'spaces-call-button-app-'));
  folders.push(folder);
  await build({
    entryPoints: [join(here, entry)],
    bundle: true,
    format: 'esm',
    outfile: join(folder, 'app.js'),
    jsx: 'automatic',
    tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    logLevel: 'error',
  });
  await copyFile(join(here, 'app.html'), join(folder, 'index.html'));
  await copyFile(join(here, 'app-scan.html'), join(folder, 'scan.html'));
  return folder;
}

for (const [framework, entry, id, token] of [
  ['React 19', 'react-app.tsx', 'react-button', 'react-token'],
  ['Vue 3', 'vue-app.ts', 'vue-button', 'vue-token'],
]) {
  describe(framework, () => {
    it('sets attributes and the token provider property, re-renders the number, and hears the events', async () => {
      const session = `${api.origin}/mock/${id}`;
      const site = await serveStatic(await bundle(entry));
      const page = await browser.newPage();
      const errors = /** @type {string[]} */ ([]);
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${site.origin}/index.html?api=${encodeURIComponent(session)}`);

      const button = page.locator(`#${id}`);
      assert.equal(await button.evaluate((el) => typeof (/** @type {any} */ (el).getToken)), 'function', 'getToken is a property');
      await button.locator('button').click();
      await page.waitForFunction(() => document.querySelector('#log')?.textContent === '+442079460958');

      await page.click('#change-number');
      await page.waitForFunction((sel) => /** @type {any} */ (document.querySelector(sel))?.e164 === '+12025550143', `#${id}`);
      await button.locator('button').click();
      await page.waitForFunction(() => document.querySelector('#log')?.textContent === '+442079460958,+12025550143');

      const requests = await (await fetch(`${session}/__log`)).json();
      assert.deepEqual(
        requests.map((/** @type {any} */ r) => [r.token, r.callees[0].address]),
        [
          [token, '+442079460958'],
          [token, '+12025550143'],
        ],
      );
      assert.deepEqual(errors, []);
      await page.close();
      await site.close();
    });
  });
}

/**
 * Waits until the scan has read everything the page changed so far: a number appended outside the app gets its
 * button (the scan reads changes in the order they came).
 * @param {import('playwright-core').Page} page
 * @param {string} number  a number not yet on the page
 */
async function scanCaughtUp(page, number) {
  await page.evaluate((text) => document.body.insertAdjacentHTML('beforeend', `<p class="caught-up">Caught up: ${text}</p>`), number);
  await page.waitForFunction((text) => document.querySelector(`spaces-call-button[data-spaces-scanned][label="Call ${text}"]`), number);
}

for (const [framework, entry] of [
  ['React 19', 'react-app.tsx'],
  ['Vue 3', 'vue-app.ts'],
  ['Lit', 'lit-app.ts'],
]) {
  describe(`${framework}, with the page scan on`, () => {
    it('the scan leaves the app’s DOM alone, and the app goes on updating its text: no error, no stale button', async () => {
      const site = await serveStatic(await bundle(entry));
      const page = await browser.newPage();
      const errors = /** @type {string[]} */ ([]);
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
      await page.goto(`${site.origin}/scan.html?api=${encodeURIComponent(`${api.origin}/mock/scan`)}`);
      const contact = page.locator('#contact-text');
      const buttonsInApp = () => page.locator('#root spaces-call-button[data-spaces-scanned]').count();

      await page.waitForFunction(() => document.querySelector('#plain spaces-call-button[data-spaces-scanned]'));
      assert.equal(await contact.textContent(), 'Office: 020 7946 0958');
      await scanCaughtUp(page, '020 7946 0101');
      assert.equal(await buttonsInApp(), 0, 'no button in the app’s DOM');

      await page.click('#change-text');
      await page.waitForFunction(() => document.querySelector('#contact-text')?.textContent === 'Office: 020 7946 0000');
      await scanCaughtUp(page, '020 7946 0102');
      assert.equal(await buttonsInApp(), 0, 'none after the update either');
      assert.deepEqual(errors, []);
      await page.close();
      await site.close();
    });
  });
}
