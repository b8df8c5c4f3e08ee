// @ts-check
/**
 * Hardening (#5), strict pages: both built files on a page served with
 *   Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; connect-src <api origin>;
 *                            require-trusted-types-for 'script'
 * place calls, show errors, load phone data and translations lazily, and upgrade tel: links, with no
 * violation reported (the page's `securitypolicyviolation` events, and Chromium's console).
 * The mock API is on another origin (localhost vs 127.0.0.1), so CORS applies too.
 * Run after `npm run build`.
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
let pagesChecked = 0;

before(async () => {
  ({ api, browser, close } = await startMockApiAndBrowser());
});
after(async () => {
  console.log(`RELIABILITY: strict pages: ${pagesChecked} built files worked under CSP + Trusted Types`);
  await close?.();
});

/** @param {string} apiOrigin */
const policy = (apiOrigin) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; connect-src ${apiOrigin}; require-trusted-types-for 'script'`;


for (const [file, name] of [
  ['spaces-call-button.js (ES module)', 'strict-module.html'],
  ['spaces-call-button.iife.js (classic script)', 'strict-classic.html'],
]) {
  describe(`${file} on a page with a strict CSP and Trusted Types`, () => {
    it('works, styled, with no violation', async () => {
      const apiBase = `${api.origin}/mock/strict-${++session}`;
      const site = await serveStatic(root, { apiBase, headers: { 'content-security-policy': policy(api.origin) } });
      const page = await browser.newPage();
      /** @type {string[]} */
      const problems = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        // The #forbidden call's 403 is logged by Chromium as a failed resource: that one is expected.
        if (/status of 403 \(Forbidden\)/.test(text)) return;
        if (message.type() === 'error' || /Content Security Policy|Trusted Type|Refused to/i.test(text)) problems.push(`console ${message.type()}: ${text}`);
      });
      try {
        const response = await page.goto(`${site.origin}/test/hardening-bundle/pages/${name}`);
        assert.match(response?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
        await page.waitForFunction(() => customElements.get('spaces-call-button'));
        await page.waitForFunction(() => [...document.querySelectorAll('spaces-call-button')].every((el) => /** @type {any} */ (el).e164 !== null || el.id === 'invalid'));

        // The styles arrive as constructable stylesheets, which style-src 'self' does not block.
        const radius = await page.locator('#london').evaluate((el) => getComputedStyle(/** @type {Element} */ (el.shadowRoot?.querySelector('[part=button]'))).borderTopLeftRadius);
        assert.notEqual(radius, '0px', 'the button is styled');

        assert.equal(await callFrom(page.locator('#london')), 'calling');
        assert.equal(await callFrom(page.locator('#forbidden')), 'error');
        assert.equal(await page.locator('#forbidden').evaluate((el) => /** @type {any} */ (el).error.kind), 'forbidden');
        assert.equal(await callFrom(page.locator('#tokyo')), 'calling');
        assert.match(await page.locator('#tokyo [part=status]').innerText(), /\S/, 'a translated status');
        assert.equal(await page.locator('#invalid').evaluate((el) => /** @type {any} */ (el).status), 'invalid');
        // The tel: link became a button (the classic script and the module both upgrade links).
        assert.equal(await page.locator('a[href^="tel:"]').evaluate((a) => /** @type {HTMLElement} */ (a).hidden), true);

        const requests = await (await fetch(`${apiBase}/__log`)).json();
        assert.deepEqual(
          requests.map((/** @type {any} */ r) => r.callees[0].address),
          ['+442079460958', '+442079460900', '+81312345678'],
        );
        const violations = await page.evaluate(() => /** @type {any} */ (window).violations);
        assert.deepEqual(violations, [], 'securitypolicyviolation events');
        assert.deepEqual(problems, [], 'CSP or Trusted Types errors in the console');
        pagesChecked++;
      } finally {
        await page.close();
        await site.close();
      }
    });
  });
}

describe('the strict page itself', () => {
  it('really reports a violation (the check above can fail)', async () => {
    const site = await serveStatic(root, { headers: { 'content-security-policy': policy('http://localhost:1') } });
    const page = await browser.newPage();
    try {
      await page.goto(`${site.origin}/test/hardening-bundle/pages/strict-module.html`);
      await page.waitForFunction(() => customElements.get('spaces-call-button'));
      // A Trusted Types sink and an inline style: both must be refused and reported.
      await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        } catch {
          /* refused, as it should be */
        }
        const style = document.createElement('style');
        style.textContent = 'b { color: red }';
        document.head.append(style);
      });
      await page.waitForFunction(() => /** @type {any} */ (window).violations.length >= 2);
      const directives = await page.evaluate(() => /** @type {any} */ (window).violations.map((/** @type {any} */ v) => v.directive));
      assert.ok(directives.includes('require-trusted-types-for'), directives.join());
      assert.ok(directives.some((/** @type {string} */ d) => d.startsWith('style-src')), directives.join());
    } finally {
      await page.close();
      await site.close();
    }
  });
});
