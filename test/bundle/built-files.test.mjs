// @ts-check
/**
 * The built files on plain HTML pages, as a CRM page would load them: a static server with no
 * bundler and no transforms, and the mock Spaces API on another origin, so CORS preflight happens.
 * Run after `npm run build` (npm test does both).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser, callFrom } from '../support/browser-harness.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;
let session = 0;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  await close?.();
});

/**
 * Opens a test page with its own mock session; collects page errors and CORS preflights.
 * @param {string} name
 */
async function open(name) {
  const apiBase = `${api.origin}/mock/built-${++session}`;
  const site = await serveStatic(root, { apiBase });
  const page = await browser.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const loaded = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('request', (request) => loaded.push(new URL(request.url()).pathname));
  await page.goto(`${site.origin}/test/bundle/pages/${name}`);
  await page.waitForFunction(() => customElements.get('spaces-call-button'));
  const requests = async () => (await (await fetch(`${apiBase}/__log`)).json());
  const done = async () => {
    await page.close();
    await site.close();
  };
  return { page, errors, loaded, requests, done };
}


for (const [file, page] of [
  ['spaces-call-button.js (ES module)', 'module.html'],
  ['spaces-call-button.iife.js (classic script)', 'classic.html'],
]) {
  describe(file, () => {
    it('places a call across origins, and the page receives start and success', async () => {
      const t = await open(page);
      assert.equal(await callFrom(t.page.locator('#london')), 'calling');

      const received = await t.page.evaluate(() => /** @type {any} */ (window).received);
      assert.deepEqual(
        received.map((/** @type {any} */ e) => [e.type, e.target, e.detail.number]),
        [
          ['spaces-call-start', 'london', '+442079460958'],
          ['spaces-call-success', 'london', '+442079460958'],
        ],
      );
      const [request] = await t.requests();
      assert.equal(request.callees[0].address, '+442079460958');
      assert.match(request.token, /^(page|classic)-token$/);
      assert.deepEqual(t.errors, []);
      await t.done();
    });

    it('loads phone data for another country when a number needs it', async () => {
      const t = await open(page);
      assert.equal(await callFrom(t.page.locator('#tokyo')), 'calling');
      assert.ok(t.loaded.includes('/dist/phone-metadata/81.js'), 'the +81 metadata chunk was loaded');
      assert.ok(!t.loaded.includes('/dist/phone-metadata/1.js'), 'no chunk for a country the page does not use');
      assert.equal(await t.page.locator('#invalid').evaluate((el) => /** @type {any} */ (el).status), 'invalid');
      assert.deepEqual(t.errors, []);
      await t.done();
    });
  });
}

describe('both files on one page, one of them twice', () => {
  it('define the element once, without errors, and work', async () => {
    const t = await open('both.html');
    assert.equal(await callFrom(t.page.locator('#london')), 'calling');
    assert.equal((await t.requests()).length, 1);
    assert.deepEqual(t.errors, []);
    await t.done();
  });
});

describe('pages we do not control', () => {
  it('global resets leave the button looking exactly as on a plain page', async () => {
    const plain = await open('plain.html');
    const reference = await plain.page.locator('#london').screenshot();
    const reset = await open('resets.html');
    const shot = await reset.page.locator('#london').screenshot();

    assert.ok(reference.equals(shot), 'the button renders pixel for pixel the same under the resets');
    assert.equal(await callFrom(reset.page.locator('#london')), 'calling');
    await plain.done();
    await reset.done();
  });

  it('zeroed fonts leave it legible, inside another shadow root and in an iframe too', async () => {
    const t = await open('hostile.html');
    const metrics = (/** @type {import('playwright-core').Locator} */ host) =>
      host.evaluate((el) => {
        const button = /** @type {HTMLElement} */ (el.shadowRoot?.querySelector('[part=button]'));
        const box = button.getBoundingClientRect();
        return { width: box.width, height: box.height, fontSize: parseFloat(getComputedStyle(button).fontSize) };
      });
    for (const host of [t.page.locator('#london'), t.page.locator('#card #nested'), t.page.frameLocator('#frame').locator('#london')]) {
      const { width, height, fontSize } = await metrics(host);
      assert.ok(width >= 24 && height >= 24, `target at least 24x24, got ${width}x${height}`);
      assert.ok(fontSize >= 12, `text at least 12px, got ${fontSize}`);
    }
    assert.equal(await callFrom(t.page.locator('#card #nested')), 'calling');
    assert.equal(await callFrom(t.page.frameLocator('#frame').locator('#london')), 'calling');
    assert.equal((await t.requests()).length, 2);
    const received = await t.page.evaluate(() => /** @type {any} */ (window).received.map((/** @type {any} */ e) => e.type));
    assert.deepEqual(received, ['spaces-call-start', 'spaces-call-success'], 'events cross the other shadow root');
    assert.deepEqual(t.errors, []);
    await t.done();
  });
});

describe('in Node, as server-side rendering frameworks import it', () => {
  it('imports by package name without throwing', async () => {
    // By name, through package.json's exports and their `node` condition (a variable, so that the
    // type check does not need dist/ to exist yet).
    const packageName = 'spaces-call-button';
    const module = await import(packageName);
    assert.equal(typeof module.SpacesCallButton, 'function');
    const element = await import(`${packageName}/element`);
    assert.equal(typeof element.normalizePhone, 'function');
  });
});

describe('the npm build (what an app bundler gets through the exports map)', () => {
  it('imports lit, ky and libphonenumber-js instead of carrying its own copies', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const folder = fileURLToPath(new URL('../../dist/npm/', import.meta.url));
    const code = (await Promise.all((await readdir(folder)).filter((f) => f.endsWith('.js')).map((f) => readFile(folder + f, 'utf8')))).join('\n');
    const imported = new Set([...code.matchAll(/from\s*["']([^."'][^"']*)["']/g)].map(([, name]) => name.split('/')[0]));
    assert.deepEqual([...imported].sort(), ['ky', 'libphonenumber-js', 'lit']);
    assert.ok(!code.includes('litHtmlVersions'), 'no copy of lit-html inside (it registers litHtmlVersions)');
  });
});
