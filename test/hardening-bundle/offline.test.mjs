// @ts-check
/**
 * Hardening (#5), faults that need Playwright's browser context: the network going offline (before
 * and after the lazily loaded parts are in), and the page being frozen mid-call, as Chrome does to
 * background tabs. (A hidden tab cannot be produced in headless Chromium: see test/hardening/faults.test.ts.)
 * The built ES module on a plain page, the mock API on another origin. Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMockApiAndBrowser } from '../support/browser-harness.mjs';
import { listen, serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SLOW_MS = 1000;

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {() => Promise<void>} */
let close;
/** @type {Awaited<ReturnType<typeof listen>>} */
let api;
let session = 0;
let survived = 0;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser({ slowMs: SLOW_MS }));
});
after(async () => {
  console.log(`RELIABILITY: offline and frozen: ${survived} scenarios survived`);
  await close?.();
});

async function open() {
  const apiBase = `${api.origin}/mock/offline-${++session}`;
  const site = await serveStatic(root, { apiBase });
  const context = await browser.newContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}/test/hardening-bundle/pages/offline.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((el) => /** @type {any} */ (el).e164));
  await page.evaluate(() => {
    /** @type {any} */ (window).received = [];
    for (const type of ['spaces-call-start', 'spaces-call-success', 'spaces-call-error']) {
      document.addEventListener(type, (event) =>
        /** @type {any} */ (window).received.push(`${/** @type {HTMLElement} */ (event.target).id} ${type.slice(12)}${/** @type {any} */ (event).detail.kind ? `:${/** @type {any} */ (event).detail.kind}` : ''}`),
      );
    }
  });
  return {
    page,
    context,
    errors,
    /** @returns {Promise<any[]>} */
    requests: async () => (await fetch(`${apiBase}/__log`)).json(),
    received: () => page.evaluate(() => /** @type {any} */ (window).received),
    done: async () => {
      await context.close();
      await site.close();
    },
  };
}

/**
 * A real click, then the outcome: `calling`, or the error kind.
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
async function callFrom(page, id) {
  await page.locator(`#${id} button`).click();
  return page.locator(`#${id}`).evaluate(
    (el) =>
      new Promise((resolve) => {
        const check = () => {
          const { status, error } = /** @type {any} */ (el);
          if (status === 'calling') resolve('calling');
          else if (status === 'error' || status === 'invalid') resolve(error?.kind ?? status);
          else setTimeout(check, 10);
        };
        check();
      }),
  );
}

describe('offline', () => {
  it('after the page is ready: network, with a clear message; online again, the same button calls', async () => {
    const t = await open();
    try {
      assert.equal(await callFrom(t.page, 'first'), 'calling');
      await t.context.setOffline(true);
      assert.equal(await callFrom(t.page, 'second'), 'network');
      assert.match(await t.page.locator('#second [part=status]').innerText(), /could not be reached/);

      await t.context.setOffline(false);
      assert.equal(await callFrom(t.page, 'second'), 'calling');
      assert.deepEqual((await t.requests()).map((r) => r.callees[0].address), ['+442079460958', '+442079460959']);
      assert.deepEqual(await t.received(), ['first start', 'first success', 'second start', 'second error:network', 'second start', 'second success']);
      assert.deepEqual(t.errors, []);
      survived++;
    } finally {
      await t.done();
    }
  });

  it('before the first click (the API client has not loaded): network; online again, the next click calls', async () => {
    const t = await open();
    try {
      await t.context.setOffline(true);
      assert.equal(await callFrom(t.page, 'first'), 'network');
      await t.context.setOffline(false);
      assert.equal(await callFrom(t.page, 'first'), 'calling');
      assert.equal((await t.requests()).length, 1);
      assert.deepEqual(t.errors, []);
      survived++;
    } finally {
      await t.done();
    }
  });

  it('when a number needs phone data not loaded yet: "could not be loaded"; online again, the number is checked again', async () => {
    const t = await open();
    try {
      await t.context.setOffline(true);
      await t.page.evaluate(async () => {
        const el = /** @type {any} */ (document.createElement('spaces-call-button'));
        el.id = 'tokyo';
        el.number = '+81 3-1234-5678';
        document.body.append(el);
        await el.updateComplete;
      });
      assert.equal(await t.page.locator('#tokyo').evaluate((el) => /** @type {any} */ (el).status), 'invalid');
      assert.match(await t.page.locator('#tokyo [part=status]').innerText(), /could not be loaded/);

      await t.context.setOffline(false);
      const e164 = await t.page.locator('#tokyo').evaluate(async (el) => {
        const button = /** @type {any} */ (el);
        button.number = '+81 3 1234 5678';
        await button.updateComplete;
        return button.e164;
      });
      assert.equal(e164, '+81312345678');
      assert.equal(await callFrom(t.page, 'tokyo'), 'calling');
      survived++;
    } finally {
      await t.done();
    }
  });
});

describe('a frozen page', () => {
  it('frozen while the call is under way (the answer comes meanwhile): once resumed, the answer is shown, once', async () => {
    const t = await open();
    try {
      const cdp = await t.context.newCDPSession(t.page);
      await t.page.locator('#slow button').click();
      const started = Date.now();
      while ((await t.requests()).length === 0) {
        if (Date.now() - started > 5000) throw new Error('no request');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 500));
      await cdp.send('Page.setWebLifecycleState', { state: 'active' });

      const status = await t.page.locator('#slow').evaluate(
        (el) =>
          new Promise((resolve) => {
            const check = () => (/** @type {any} */ (el).status === 'placing' ? setTimeout(check, 10) : resolve(/** @type {any} */ (el).status));
            check();
          }),
      );
      assert.equal(status, 'calling');
      assert.deepEqual(await t.received(), ['slow start', 'slow success']);
      assert.equal((await t.requests()).length, 1);
      assert.deepEqual(t.errors, []);
      survived++;
    } finally {
      await t.done();
    }
  });
});
