// @ts-check
/**
 * The page-scan bench of `npm run bench` (issue 20): a CRM table of 5,000 rows as a server renders it, each with a
 * number written as plain text beside text with digits that holds none (a date, an amount, an order number), and
 * the ES module's script tag; with the scan on (the meta tag) and off (the same page without it). Each page reports:
 *   - firstScreen: milliseconds from navigation until every number of the first screen has its button, rendered and
 *     with its number checked (scan on);
 *   - longestTask: the longest main-thread task (PerformanceObserver 'longtask', 50 ms or more; 0 when there is none)
 *     from the moment the scan's chunk has arrived until the last button is rendered (scan on); from the end of
 *     DOMContentLoaded until the page is idle (scan off);
 *   - total: from the scan's chunk's arrival until the last button is rendered (scan on);
 *   - done: from navigation until then (scan on), until the end of the load event (scan off);
 *   - heap: JS heap after a full garbage collection, then;
 *   - buttons: how many the scan inserted (5,000 expected: no false positive, no number missed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const FOLDER = 'bench-results/scan/';
export const SCAN_ROWS = 5_000;

/**
 * Writes the two pages into bench-results/scan/.
 * @param {string} root  the project's folder
 * @param {string[]} numbers  the rows' numbers, as written (British)
 */
export function prepareScanPages(root, numbers) {
  const folder = root + FOLDER;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const scan of [true, false]) writeFileSync(`${folder}${scan ? 'on' : 'off'}.html`, page(numbers, scan));
}

/**
 * @param {string[]} numbers
 * @param {boolean} scan
 */
function page(numbers, scan) {
  const rows = numbers.map(
    (number, i) =>
      `<tr><td>Contact ${i + 1}</td><td>Company ${i % 97}</td><td>${number}</td><td>contact${i}@example.com</td><td>${1 + (i % 28)}/0${1 + (i % 9)}/2024</td><td>£${(i * 37) % 10_000}.50</td><td>Order #${45_000_000 + i}</td></tr>`,
  );
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Benchmark: a CRM table of ${numbers.length} rows, scan ${scan ? 'on' : 'off'}</title>
    <meta name="spaces-call-button:default-country" content="GB" />
    <meta name="spaces-call-button:api-base" content="%API_BASE%" />
    <meta name="spaces-call-button:token" content="bench-token" />
    ${scan ? '<meta name="spaces-call-button:scan" content="true" />' : ''}
    <script type="module" src="/dist/spaces-call-button.js"></script>
  </head>
  <body>
    <h1>Contacts</h1>
    <table>
      <thead><tr><th>Name</th><th>Company</th><th>Phone</th><th>Email</th><th>Last contact</th><th>Balance</th><th>Last order</th></tr></thead>
      <tbody>
        ${rows.join('\n        ')}
      </tbody>
    </table>
  </body>
</html>
`;
}

/**
 * Installed before any script of the page: records the long tasks, and (scan on) when the first screen's numbers and
 * then all of them have their buttons, looking once a frame at the first screen and every 100 ms at the rest.
 * @param {{ rows: number }} options
 */
function watchScan({ rows }) {
  const probe = /** @type {Window & { scanProbe?: any }} */ (window);
  const state = { tasks: /** @type {{ start: number, duration: number }[]} */ ([]), firstScreen: NaN, done: NaN };
  probe.scanProbe = state;
  new PerformanceObserver((list) => {
    for (const { startTime, duration } of list.getEntries()) state.tasks.push({ start: startTime, duration });
  }).observe({ type: 'longtask', buffered: true });
  const scanned = () => /** @type {NodeListOf<any>} */ (document.querySelectorAll('spaces-call-button[data-spaces-scanned]'));
  // The phone cells of the first screen, read again each frame: the buttons the scan inserts make the rows taller.
  const firstScreen = () => {
    const cells = document.querySelectorAll('tbody td:nth-child(3)');
    const onScreen = [];
    for (let i = 0; i < cells.length && cells[i].getBoundingClientRect().top < innerHeight; i++) onScreen.push(cells[i]);
    return onScreen;
  };
  const checkFirstScreen = () => {
    const buttons = firstScreen().map((cell) => /** @type {any} */ (cell.querySelector('spaces-call-button')));
    if (buttons.every((button) => button?.hasUpdated && button.e164)) state.firstScreen = performance.now();
    else requestAnimationFrame(checkFirstScreen);
  };
  const checkAll = () => {
    const buttons = scanned();
    if (buttons.length >= rows && [...buttons].every((button) => button.hasUpdated)) state.done = performance.now();
    else setTimeout(checkAll, 100);
  };
  addEventListener('DOMContentLoaded', () => {
    if (!document.querySelector('meta[name="spaces-call-button:scan"]')) return;
    requestAnimationFrame(checkFirstScreen);
    setTimeout(checkAll, 100);
  });
}

/**
 * Opens the page with the scan on or off, in a fresh context, and measures it.
 * @param {import('playwright-core').Browser} browser
 * @param {string} origin  the bench's static server
 * @param {{ scan: boolean, errors: string[] }} options
 * @returns {Promise<Record<string, number>>}
 */
export async function scanPage(browser, origin, { scan, errors }) {
  const page = await browser.newPage();
  const name = scan ? 'scanOn' : 'scanOff';
  page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`));
  const cdp = await page.context().newCDPSession(page);
  await page.addInitScript(watchScan, { rows: SCAN_ROWS });
  await page.goto(`${origin}/${FOLDER}${scan ? 'on' : 'off'}.html`, { waitUntil: scan ? 'domcontentloaded' : 'networkidle' });
  if (scan) await page.waitForFunction(() => /** @type {any} */ (window).scanProbe.done > 0, undefined, { timeout: 120_000, polling: 200 });
  else await page.waitForTimeout(1_000); // idle: what the page does once loaded (the phone code when idle) is done
  const measured = await page.evaluate(() => {
    const { tasks, firstScreen, done } = /** @type {any} */ (window).scanProbe;
    const [navigation] = /** @type {PerformanceNavigationTiming[]} */ (performance.getEntriesByType('navigation'));
    const chunk = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource')).find((entry) => /\/number-scan-[\w-]+\.js$/.test(entry.name));
    const from = chunk ? chunk.responseEnd : navigation.domContentLoadedEventEnd;
    const until = done > 0 ? done : performance.now();
    const longest = Math.max(0, .../** @type {{ start: number, duration: number }[]} */ (tasks).filter((task) => task.start + task.duration >= from && task.start <= until).map((task) => task.duration));
    return {
      firstScreen,
      longestTask: longest,
      total: until - from,
      done: done > 0 ? done : navigation.loadEventEnd,
      chunkLoaded: chunk ? 1 : 0,
      buttons: document.querySelectorAll('spaces-call-button[data-spaces-scanned]').length,
    };
  });
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await page.close();
  if (measured.chunkLoaded !== (scan ? 1 : 0)) errors.push(`${name}: the scan's chunk was ${scan ? 'not ' : ''}loaded`);
  const prefix = `${name}.`;
  return Object.fromEntries(
    Object.entries({ ...measured, heap: usedSize, ...(scan ? {} : { firstScreen: NaN, total: NaN }) })
      .filter(([, value]) => !Number.isNaN(value))
      .map(([metric, value]) => [prefix + metric, value]),
  );
}
