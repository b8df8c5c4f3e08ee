// @ts-check
/**
 * The ES module's first batch (src/page/first-batch.ts), built: on a page whose buttons are in its HTML, the entry
 * starts every file they need before any of them has arrived, instead of each after the one that imports it.
 * The static server holds back the answers to those files until the page has asked for all of them; a page that
 * asked for them one after the other would wait on the first answer, and only the fallback would end the wait.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser } from '../support/browser-harness.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';
import { readmePreloadFiles } from '../support/readme-preload.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const chunk = (/** @type {string} */ prefix) => `/dist/${readdirSync(`${root}dist`).find((file) => file.startsWith(prefix) && file.endsWith('.js'))}`;
/** Only a bound on a broken page's wait: the assertions are about the order of requests, never about time. */
const FALLBACK_MS = 10_000;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  await close?.();
});

/**
 * Opens a test page whose answers for `batch` wait until the page has asked for every file of `batch` (asked: the
 * browser has issued the request, which over HTTP/1.1 may then queue for one of its six connections to the server).
 * @param {string} name
 * @param {string[]} batch
 */
async function openHolding(name, batch) {
  /** @type {string[]} */
  const askedBeforeAnyAnswer = [];
  /** @type {() => void} */
  let release = () => {};
  const released = new Promise((resolve) => {
    release = () => resolve(undefined);
    setTimeout(release, FALLBACK_MS).unref();
  });
  let answered = false;
  const site = await serveStatic(root, {
    apiBase: `${api.origin}/mock/first-batch`,
    hold: (path) => (batch.includes(path) ? released.then(() => void (answered = true)) : undefined),
  });
  const page = await browser.newPage();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!answered && batch.includes(path)) askedBeforeAnyAnswer.push(path);
    if (batch.every((file) => askedBeforeAnyAnswer.includes(file))) release();
  });
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const done = async () => {
    await page.close();
    await site.close();
  };
  await page.goto(`${site.origin}/test/bundle/pages/${name}`).catch(async (error) => {
    await done();
    throw error;
  });
  return { page, errors, askedBeforeAnyAnswer, done };
}

/**
 * Opens a test page and records what each button holds when it first renders, how many renders there are until every
 * number is checked, and which files the page requested.
 * @param {string} name
 */
async function firstRenders(name) {
  const site = await serveStatic(root, { apiBase: `${api.origin}/mock/first-renders` });
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const seen = /** @type {{ first: (string | null)[], renders: number }} */ ({ first: [], renders: 0 });
    Object.assign(window, { seen });
    const define = customElements.define.bind(customElements);
    customElements.define = (name, constructor, options) => {
      const { firstUpdated, updated } = constructor.prototype;
      Object.assign(constructor.prototype, {
        /** @param {Map<string, unknown>} changed */
        firstUpdated(changed) {
          seen.first.push(/** @type {any} */ (this).e164);
          firstUpdated.call(this, changed);
        },
        /** @param {Map<string, unknown>} changed */
        updated(changed) {
          seen.renders++;
          updated.call(this, changed);
        },
      });
      define(name, constructor, options);
    };
  });
  try {
    await page.goto(`${site.origin}/test/bundle/pages/${name}`);
    await page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((button) => /** @type {any} */ (button).e164));
    const seen = await page.evaluate(() => /** @type {any} */ (window).seen);
    return { first: seen.first, renders: seen.renders, requests: [...site.requests] };
  } finally {
    await page.close();
    await site.close();
  }
}

describe('spaces-call-button.js starts what a page needs in one batch', () => {
  it('asks for the element, the phone code, every country\'s metadata and the translation before any has arrived', async () => {
    const batch = [
      '/dist/define.js',
      '/dist/element.js',
      '/dist/phone.js',
      '/dist/phone-runtime.js',
      '/dist/phone-metadata/CH.js', // the region of the document's language, de-CH
      '/dist/phone-metadata/GB.js', // one button's own default-country
      chunk('de-'), // the document's language
    ];
    const t = await openHolding('record.html', batch);
    try {
      await t.page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((button) => /** @type {any} */ (button).e164));
      assert.deepEqual([...t.askedBeforeAnyAnswer].sort(), [...batch].sort());
      const e164 = await t.page.evaluate(() => [...document.querySelectorAll('spaces-call-button')].map((button) => /** @type {any} */ (button).e164));
      assert.deepEqual(e164, ['+41446681800', '+41781234567', '+41446681801', '+41446681802', '+442079460958']);
      assert.deepEqual(t.errors, []);
    } finally {
      await t.done();
    }
  });

  it("runs the defining module once the phone code is in: each button's first render shows its number checked", async () => {
    const { first, renders } = await firstRenders('record-gb.html');
    assert.deepEqual(first, ['+442079460958', '+447400123456', '+442079460000', '+441134960000']);
    assert.equal(renders, 4, 'one render each');
  });

  it('on a page that names no country, asks for the metadata of each + number\'s calling code with the batch', async () => {
    const batch = ['/dist/define.js', '/dist/element.js', '/dist/phone.js', '/dist/phone-runtime.js', '/dist/phone-metadata/1.js', '/dist/phone-metadata/44.js', '/dist/phone-metadata/353.js'];
    const t = await openHolding('record-international.html', batch);
    try {
      await t.page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((button) => /** @type {any} */ (button).e164));
      assert.deepEqual([...t.askedBeforeAnyAnswer].sort(), [...batch].sort());
      assert.deepEqual(t.errors, []);
    } finally {
      await t.done();
    }
    const { first, renders, requests } = await firstRenders('record-international.html');
    assert.deepEqual(first, ['+12025550143', '+442079460958', '+35312345678']);
    assert.equal(renders, 3, 'one render each');
    assert.deepEqual(requests.filter((path) => path.includes('/phone-metadata/')).sort(), ['/dist/phone-metadata/1.js', '/dist/phone-metadata/353.js', '/dist/phone-metadata/44.js']);
  });

  it("on a British page, a number abroad's metadata comes before the first render, and the country's own code is not fetched twice", async () => {
    const { first, renders, requests } = await firstRenders('record-abroad.html');
    assert.deepEqual(first, ['+442079460958', '+447400123456', '+12025550143']);
    assert.equal(renders, 3, 'one render each');
    assert.deepEqual(requests.filter((path) => path.includes('/phone-metadata/')).sort(), ['/dist/phone-metadata/1.js', '/dist/phone-metadata/GB.js'], 'GB.js holds +44: no 44.js');
  });

  it("with the README's preload tags, asks for the whole batch before the entry has arrived: one round trip", async () => {
    const tags = readmePreloadFiles(root);
    assert.ok(tags.length > 0, 'the README has preload tags');
    const page = readFileSync(`${root}test/bundle/pages/preloaded.html`, 'utf8');
    assert.deepEqual([...page.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map(([, path]) => path), tags, 'the page has the README\'s tags');
    // The entry's answer waits too: a file that only the entry starts would never be asked for.
    const batch = ['/dist/spaces-call-button.js', ...tags];
    const t = await openHolding('preloaded.html', batch);
    try {
      await t.page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((button) => /** @type {any} */ (button).e164));
      assert.deepEqual([...t.askedBeforeAnyAnswer].sort(), [...batch].sort());
      assert.deepEqual(t.errors, []);
    } finally {
      await t.done();
    }
  });

  it('a page without buttons loads only the entry, the defining module and the element (idle preparation off)', async () => {
    const site = await serveStatic(root, { apiBase: `${api.origin}/mock/first-batch-idle` });
    const page = await browser.newPage();
    await page.addInitScript(() => {
      // @ts-expect-error: the phone code's idle preparation is what this test leaves out
      delete window.requestIdleCallback;
    });
    try {
      await page.goto(`${site.origin}/test/bundle/pages/idle.html`);
      await page.waitForFunction(() => customElements.get('spaces-call-button'));
      await page.waitForLoadState('networkidle');
      const dist = site.requests.filter((path) => path.startsWith('/dist/')).sort();
      assert.deepEqual(dist, ['/dist/define.js', '/dist/element.js', '/dist/spaces-call-button.js'].sort());
    } finally {
      await page.close();
      await site.close();
    }
  });

  it('exports what the defining module exports, once the element is defined', async () => {
    const site = await serveStatic(root, { apiBase: `${api.origin}/mock/first-batch-exports` });
    const page = await browser.newPage();
    try {
      await page.goto(`${site.origin}/test/bundle/pages/idle.html`);
      const names = await page.evaluate(async () => {
        const entry = await import(/** @type {string} */ ('/dist/spaces-call-button.js'));
        const define = await import(/** @type {string} */ ('/dist/define.js'));
        return {
          entry: Object.keys(entry).sort(),
          define: Object.keys(define).sort(),
          same: Object.keys(define).every((name) => entry[name] === define[name]),
          defined: customElements.get('spaces-call-button') === entry.SpacesCallButton,
        };
      });
      assert.deepEqual(names.entry, names.define);
      assert.ok(names.same, 'the same objects');
      assert.ok(names.defined, 'the tag is defined by the time the entry has loaded');
    } finally {
      await page.close();
      await site.close();
    }
  });
});
