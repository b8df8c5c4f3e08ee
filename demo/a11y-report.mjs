// @ts-check
/**
 * `node demo/a11y-report.mjs`: runs axe-core on the theming gallery (every state, live ones included, in light, dark and
 * right to left; every variant and size; the page themes), writes demo/screenshots/axe-results.json
 * and screenshots of each panel, and also shots in forced colors. Exits 1 on any violation.
 */
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startDemo } from './demo-server.mjs';

const outDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PANELS = ['states-light', 'states-dark', 'states-rtl', 'looks-light', 'looks-dark', 'themes-light'];

const demo = await startDemo();
try {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(`${demo.origin}/demo/gallery.html`);
  // Every button in the state its row names (`data-state`), as a custom state: `:state(calling)` and so on.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-state]')].every((el) => el.matches(`:state(${/** @type {HTMLElement} */ (el).dataset.state})`)),
  );
  await page.addScriptTag({ path: axePath });

  /** @type {Record<string, { violations: { id: string, impact: string | null | undefined, nodes: number }[], passes: number }>} */
  const results = {};
  for (const panel of PANELS) {
    const outcome = await page.evaluate(async (id) => {
      const axe = /** @type {any} */ (window).axe;
      const { violations, passes } = await axe.run(document.getElementById(id));
      return {
        violations: violations.map((/** @type {any} */ v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
        passes: passes.length,
      };
    }, panel);
    results[panel] = outcome;
    await page.locator(`#${panel}`).screenshot({ path: `${outDir}gallery-${panel}.png` });
    console.log(`${panel.padEnd(14)} ${outcome.violations.length} violations, ${outcome.passes} rules passed`);
  }
  await page.emulateMedia({ forcedColors: 'active' });
  await page.locator('#states-light').screenshot({ path: `${outDir}gallery-forced-colors.png` });

  await writeFile(`${outDir}axe-results.json`, `${JSON.stringify(results, null, 2)}\n`);
  const violations = Object.values(results).flatMap((result) => result.violations);
  if (violations.length > 0) {
    console.error(JSON.stringify(violations, null, 2));
    process.exitCode = 1;
  }
} finally {
  await demo.close();
}
