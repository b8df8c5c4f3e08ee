// @ts-check
/**
 * `npm start`'s documentation site: the dev server (vite.config.ts, on a free port) serves /docs/ with every guide
 * rendered and linked, and the API playground, whose button places a call against the mock API; axe-core finds no
 * violation on them. Needs dist/custom-elements.json (npm run build).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const guides = readdirSync(root + 'docs').filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));

/** @type {import('vite').ViteDevServer} */
let server;
/** @type {import('playwright-core').Browser} */
let browser;
let origin = '';

before(async () => {
  server = await createServer({ root, configFile: root + 'vite.config.ts', logLevel: 'silent', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  await server.listen();
  const address = server.httpServer?.address();
  assert.ok(address && typeof address === 'object');
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** @param {import('playwright-core').Page} page */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const { violations } = await /** @type {any} */ (window).axe.run(document);
    return violations.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('/docs/ in npm start', () => {
  it('renders the index, links every guide, and each guide renders with its title and no broken link inside the site', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/docs/`);
    assert.equal(await page.locator('main h1').textContent(), 'spaces-call-button documentation');
    const linked = await page.locator('main a').evaluateAll((links) => links.map((a) => /** @type {HTMLAnchorElement} */ (a).pathname));
    for (const guide of guides) assert.ok(linked.includes(`/docs/${guide}`), `the index links ${guide}`);

    const internal = new Set();
    for (const guide of guides) {
      const response = await page.goto(`${origin}/docs/${guide}`);
      assert.equal(response?.status(), 200, guide);
      assert.ok((await page.locator('main h1').count()) === 1, `${guide} has one h1`);
      for (const href of await page.locator('main a[href^="/"], main img[src^="/"]').evaluateAll((nodes) =>
        nodes.map((n) => (n instanceof HTMLImageElement ? new URL(n.src).pathname : /** @type {HTMLAnchorElement} */ (n).pathname)),
      )) {
        internal.add(href);
      }
    }
    for (const path of internal) {
      const response = await fetch(origin + path);
      assert.equal(response.status, 200, `${path} answers`);
    }
    await page.close();
  });

  for (const path of ['/docs/', '/docs/getting-started', '/docs/tokens', '/docs/api']) {
    it(`${path}: axe-core finds no violation`, async () => {
      const page = await browser.newPage();
      await page.goto(origin + path);
      assert.deepEqual(await axeViolations(page), []);
      await page.close();
    });
  }

  it('the playground shows the manifest\'s element with a live button that calls the mock API, and axe finds no violation', async () => {
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/docs/playground`);
    const button = page.locator('api-viewer spaces-call-button');
    await button.locator('button').click();
    const status = () => button.evaluate((host) => /** @type {any} */ (host).status);
    while (!['calling', 'answered', 'ended', 'error'].includes(await status())) await page.waitForTimeout(50);
    assert.ok(['calling', 'answered', 'ended'].includes(await status()), `the call was placed (${await status()})`);
    assert.deepEqual(await axeViolations(page), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
