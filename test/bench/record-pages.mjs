// @ts-check
/**
 * The record-page bench of `npm run bench` (issue 21): a CRM record, one contact and five numbers in the page's
 * HTML, opened in a fresh browser context (nothing cached), locally and over a 4G-like link (DevTools' network
 * emulation: 85 ms round trip, 9 Mbit/s), for ours as an ES module and as the classic script, for the checking Lit
 * floor built into one file (Lit, libphonenumber-js with its whole `min` metadata, the element) and for plain `tel:`
 * links, and ours with the README's optional preload tags; and a 1,000-row list page beside it. Each page reports:
 *   - ready: milliseconds from navigation until every number of the first screen is checked and its button rendered
 *     (for links, until the document is parsed);
 *   - busy: the main thread's task time until then (DevTools' TaskDuration);
 *   - trips: the longest chain of requests after the HTML, up to then, in which each starts only after the one
 *     before it has arrived: the round trips a user on a slow link waits for, one after the other. Read it on the
 *     4G-like link: locally, requests that one script starts together reach the network a few milliseconds apart,
 *     and the first answers can arrive in between;
 *   - files: how many requests were made up to then.
 * With `--record-against=<dir>` (a dist/ folder that npm run build made from other code), that build's ES module
 * and classic script are measured as well, as the "other" build.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { readmePreloadFiles } from '../support/readme-preload.mjs';

/** @typedef {'module' | 'preloaded' | 'classic' | 'checkingLitFloor' | 'links' | 'otherModule' | 'otherClassic'} RecordKind */
/** @typedef {{ written: string, tel: string }} BenchNumber */

/** 4G-like, as the issue measured it. */
export const FOUR_G = { offline: false, latency: 85, downloadThroughput: 9_000_000 / 8, uploadThroughput: 9_000_000 / 8 };

const FOLDER = 'bench-results/record/';
/** @type {Record<RecordKind, { script: string, tag?: string }>} */
const KINDS = {
  module: { script: '<script type="module" src="/dist/spaces-call-button.js"></script>', tag: 'spaces-call-button' },
  /** With the README's optional preload tags (for a British page), as the README writes them. */
  preloaded: {
    script: readmePreloadFiles(fileURLToPath(new URL('../../', import.meta.url)))
      .map((file) => `<link rel="modulepreload" href="${file}" />`)
      .concat('<script type="module" src="/dist/spaces-call-button.js"></script>')
      .join('\n    '),
    tag: 'spaces-call-button',
  },
  classic: { script: '<script src="/dist/spaces-call-button.iife.js"></script>', tag: 'spaces-call-button' },
  checkingLitFloor: { script: `<script type="module" src="/${FOLDER}checking-lit-floor.js"></script>`, tag: 'checking-lit-floor-call-button' },
  links: { script: '' },
  otherModule: { script: `<script type="module" src="/${FOLDER}other/spaces-call-button.js"></script>`, tag: 'spaces-call-button' },
  otherClassic: { script: `<script src="/${FOLDER}other/spaces-call-button.iife.js"></script>`, tag: 'spaces-call-button' },
};

/**
 * Writes the pages into bench-results/record/ and builds the checking Lit floor's one file there.
 * @param {string} root  the project's folder
 * @param {{ five: BenchNumber[], thousand: BenchNumber[], against?: string }} options
 * @returns {Promise<RecordKind[]>}  the kinds to measure
 */
export async function prepareRecordPages(root, { five, thousand, against }) {
  const folder = root + FOLDER;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  /** @type {RecordKind[]} */
  const kinds = ['module', 'preloaded', 'classic', 'checkingLitFloor', 'links'];
  if (against) {
    cpSync(against, `${folder}other`, { recursive: true });
    kinds.push('otherModule', 'otherClassic');
  }
  for (const kind of kinds) {
    writeFileSync(`${folder}${kind}-5.html`, page(kind, five));
    writeFileSync(`${folder}${kind}-1000.html`, page(kind, thousand));
  }
  await buildFloor(root, folder);
  return kinds;
}

/**
 * @param {RecordKind} kind
 * @param {BenchNumber[]} numbers
 */
function page(kind, numbers) {
  const { script, tag } = KINDS[kind];
  const rows = numbers.map(({ written, tel }, i) => `<li>Contact ${i + 1} ${tag ? `<${tag} number="${written}"></${tag}>` : `<a href="${tel}">${written}</a>`}</li>`);
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Benchmark: a record page with ${numbers.length} numbers (${kind})</title>
    <meta name="spaces-call-button:default-country" content="GB" />
    <meta name="spaces-call-button:api-base" content="%API_BASE%" />
    <meta name="spaces-call-button:token" content="bench-token" />
    ${script}
  </head>
  <body>
    <h1>Ada Lovelace</h1>
    <ul>
      ${rows.join('\n      ')}
    </ul>
  </body>
</html>
`;
}

/**
 * The checking Lit floor (test/bench/checking-lit-floor.js) in one minified file, its stylesheet put in at build
 * time: what a page gets from a one-bundle Lit element that checks its number.
 * @param {string} root
 * @param {string} folder
 */
async function buildFloor(root, folder) {
  const source = readFileSync(`${root}src/element/spaces-call-button.styles.ts`, 'utf8');
  const cssText = source.slice(source.indexOf('css`') + 4, source.lastIndexOf('`'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    plugins: [
      {
        name: 'floor-styles',
        resolveId: (id) => (id === 'floor-styles' ? '\0floor-styles' : undefined),
        load: (id) => (id === '\0floor-styles' ? `export default ${JSON.stringify(cssText)};` : undefined),
      },
    ],
    build: {
      outDir: folder,
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: `${root}test/bench/checking-lit-floor.js`, formats: ['es'], fileName: () => 'checking-lit-floor.js' },
      rolldownOptions: { output: { minify: true, codeSplitting: false } },
    },
  });
}

/**
 * Installed before any script of a record page: records when every number of the first screen is checked and
 * rendered, checking once a frame.
 * @param {{ tag?: string }} options
 */
function watchReady({ tag }) {
  const probe = /** @type {Window & { recordReady?: number }} */ (window);
  const checked = (/** @type {any} */ element) =>
    !element.isUpdatePending && (element.localName === 'checking-lit-floor-call-button' ? element.valid === true : Boolean(element.e164));
  const check = () => {
    if (document.readyState !== 'loading') {
      const firstScreen = tag ? [...document.getElementsByTagName(tag)].filter((element) => element.getBoundingClientRect().top < innerHeight) : [];
      if ((!tag || firstScreen.length > 0) && firstScreen.every(checked)) {
        probe.recordReady = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * In the page, once ready: the longest chain of requests that each started after the one before arrived, and how many
 * requests there were, up to `ready`.
 * @param {number} ready
 */
function requestChain(ready) {
  const entries = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).filter(
    (entry) => entry.responseEnd <= ready && !entry.name.endsWith('/favicon.ico'), // the browser's own, for the tab
  );
  /** @type {Map<PerformanceResourceTiming, number>} */
  const depth = new Map();
  for (const entry of [...entries].sort((a, b) => a.startTime - b.startTime)) {
    const before = entries.filter((other) => other.responseEnd <= entry.startTime).map((other) => depth.get(other) ?? 0);
    depth.set(entry, 1 + Math.max(0, ...before));
  }
  return { trips: Math.max(0, ...depth.values()), files: entries.length };
}

/**
 * Opens one record page in a fresh context and measures it.
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin  the bench's static server
 * @param {RecordKind} kind
 * @param {{ rows: 5 | 1000, link: 'local' | '4G', errors: string[] }} options
 * @returns {Promise<Record<string, number>>}
 */
export async function recordPage(browser, origin, kind, { rows, link, errors }) {
  const page = await browser.newPage(); // a context of its own: an empty cache
  page.on('pageerror', (error) => errors.push(`${kind}-${rows}: ${error.message}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (link === '4G') {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FOUR_G);
  }
  await page.addInitScript(watchReady, { tag: KINDS[kind].tag });
  await page.goto(`${origin}/${FOLDER}${kind}-${rows}.html`, { waitUntil: 'commit' });
  const ready = await page.waitForFunction(() => /** @type {Window & { recordReady?: number }} */ (window).recordReady, undefined, { timeout: 60_000 });
  const readyAt = /** @type {number} */ (await ready.jsonValue());
  const { metrics } = await cdp.send('Performance.getMetrics');
  const { trips, files } = await page.evaluate(requestChain, readyAt);
  await page.close();
  const name = `record${rows}.${link}`;
  return {
    [`${name}.ready`]: readyAt,
    [`${name}.busy`]: (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN) * 1000,
    [`${name}.trips`]: trips,
    [`${name}.files`]: files,
  };
}
