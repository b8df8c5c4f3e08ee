// @ts-check
/** Starts the demo (Vite with the mock Spaces API) on a free port and a headless Chromium, for the demo's scripts. */
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../test/support/chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** @returns {Promise<{ origin: string, browser: import('playwright-core').Browser, close: () => Promise<void> }>} */
export async function startDemo() {
  // No file watching nor hot reload: an edit elsewhere in the repository while a script runs must not reload its page.
  const server = await createServer({
    root: repo,
    configFile: `${repo}vite.config.ts`,
    server: { port: 0, hmr: false, watch: null },
    logLevel: 'warn',
  });
  await server.listen();
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!origin) throw new Error('The dev server has no local URL.');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
