// @ts-check
/** What the node:test files share: the mock Spaces API on its own origin, a headless Chromium, and a real click. */
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { listen } from './static-server.mjs';

/**
 * @param {Parameters<typeof createMockSpacesApi>[0]} [mockOptions]
 * @returns {Promise<{ api: Awaited<ReturnType<typeof listen>>, browser: import('playwright-core').Browser, close: () => Promise<void> }>}
 */
export async function startMockApiAndBrowser(mockOptions) {
  const mock = createMockSpacesApi(mockOptions);
  const api = await listen(
    createServer((req, res) => {
      if (!mock.handle(req, res)) res.writeHead(404).end();
    }),
    'localhost',
  );
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  return {
    api,
    browser,
    close: async () => {
      await browser.close();
      await api.close();
    },
  };
}

/**
 * Clicks the button with the real mouse and waits for the call's outcome.
 * @param {import('playwright-core').Locator} host  a `<spaces-call-button>`, anywhere (Playwright pierces shadow roots)
 * @returns {Promise<string>} the element's status afterwards
 */
export async function callFrom(host) {
  await host.locator('button').click();
  return host.evaluate(
    (el) =>
      new Promise((resolve) => {
        const check = () => {
          const { status } = /** @type {any} */ (el);
          if (status === 'calling' || status === 'error') resolve(status);
          else setTimeout(check, 10);
        };
        check();
      }),
  );
}
