// @ts-check
/**
 * The README's complete page, exactly as written, served beside the mock Spaces API and the packaged token endpoint
 * (signed in against the mock Avaya Cloud Identity), in Chromium: its CDN script tag is answered with the built
 * dist/spaces-call-button.js and the production Spaces API with the mock, by the browser's request routing, so the
 * page itself is not changed. A signed-out click offers "Sign in"; after signing in, a click places the call and
 * the page's own spaces-call-end listener logs it. Needs dist/ (npm run build).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { mountTokenEndpointOnMock } from '../../demo/token-endpoint/mock-mount.mjs';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.mjs';
import { listen } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(root + 'README.md', 'utf8');

/** The first html code block after a heading. */
export function codeBlockAfter(/** @type {string} */ markdown, /** @type {string} */ heading) {
  const at = markdown.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README.md has no "${heading}"`);
  const block = /```html\n([\s\S]*?)```/.exec(markdown.slice(at));
  assert.ok(block, `no html block under "${heading}"`);
  return block[1];
}

const PAGE = codeBlockAfter(readme, '## A complete page');
const CDN_SCRIPT = /src="(https:\/\/cdn\.jsdelivr\.net\/npm\/spaces-call-button@[^"]+\/dist\/)spaces-call-button\.js"/;
const SPACES_API = 'https://spacesapis.avayacloud.com';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof listen>>} */
let site;
/** @type {{ method?: string, url?: string }[]} */
const apiRequests = [];

before(async () => {
  const mock = createMockSpacesApi({ accounts: { allowLoopbackRedirectUris: true } });
  const tokenEndpoint = mountTokenEndpointOnMock(mock.accounts);
  site = await listen(
    createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      if (path.startsWith('/api/')) apiRequests.push({ method: req.method, url: req.url });
      if (mock.handle(req, res) || tokenEndpoint.handle(req, res)) return;
      res.writeHead(404).end();
    }),
    '127.0.0.1',
  );
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await site?.close();
});

describe("README's complete page", () => {
  it('loads the button with its one script tag from the CDN address it names', () => {
    assert.match(PAGE, CDN_SCRIPT);
    assert.match(PAGE, /<meta name="spaces-call-button:token-url" content="\/spaces\/token">/);
    assert.match(PAGE, /addEventListener\('spaces-call-end'/);
  });

  it('asks a signed-out user to sign in, then places the call and logs it with spaces-call-end', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dist = `${CDN_SCRIPT.exec(PAGE)?.[1]}`;
    // The CDN's files are the built ones; the production Spaces API is the mock. Nothing else leaves the machine.
    await context.route(`${dist}**`, async (route) => {
      const file = root + 'dist/' + route.request().url().slice(dist.length);
      await route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(file), headers: { 'access-control-allow-origin': '*' } });
    });
    await context.route(`${SPACES_API}/**`, async (route) => {
      const response = await route.fetch({ url: site.origin + route.request().url().slice(SPACES_API.length) });
      await route.fulfill({ response });
    });
    /** @type {string[]} */
    const logged = [];
    /** @type {string[]} */
    const errors = [];
    page.on('console', (message) => {
      if (message.text().startsWith('call log')) logged.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/`);

    const jane = page.locator('spaces-call-button[data-record-id="003XX00001"]');
    await jane.locator('button').click();
    await page.waitForFunction(() => document.querySelector('spaces-call-button')?.error?.kind === 'signed-out');
    assert.equal(apiRequests.length, 0, 'a signed-out click sends no call request');

    const [popup] = await Promise.all([page.waitForEvent('popup'), jane.locator('[part="sign-in"]').click()]);
    await popup.locator('button[value="accept"]').click();
    await popup.waitForURL(/\/spaces\/signed-in/);
    await popup.close();

    await jane.locator('button').click();
    await page.waitForFunction(() => document.querySelector('spaces-call-button')?.status === 'calling');
    assert.equal(apiRequests.length, 1);
    assert.match(apiRequests[0].url ?? '', /^\/api\/spacescalling\/aura\/call$/);

    await page.waitForFunction(() => document.querySelector('spaces-call-button')?.status === 'idle');
    while (logged.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^call log 003XX00001 \+442079460958 unknown \d{4}-\d\d-\d\dT[\d:.]+Z undefined$/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
