// @ts-check
/**
 * `npm run size`: raw, gzip and brotli bytes of each built file and of what typical pages
 * download, checked against the budgets in CONTRIBUTING.md ("Size budgets"). Exits 1 over budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const budgets = readFileSync(new URL('../../CONTRIBUTING.md', import.meta.url), 'utf8');

/** @param {string} file  a path inside dist/ */
function measure(file) {
  const bytes = readFileSync(dist + file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * A chunk and every chunk it imports statically, as the browser fetches them before running it.
 * @param {string} file
 * @param {Set<string>} [seen]
 * @returns {Set<string>}
 */
function withStaticImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(dist + file, 'utf8');
  for (const [, name] of code.matchAll(/(?:import|from)\s*["'`]\.\/([\w.-]+\.js)["'`]/g)) withStaticImports(name, seen);
  return seen;
}

const chunk = (/** @type {string} */ prefix) => {
  const name = readdirSync(dist).find((file) => file.startsWith(prefix) && file.endsWith('.js'));
  if (!name) throw new Error(`No ${prefix}*.js in dist/: run npm run build first.`);
  return name;
};
const metadata = (/** @type {string[]} */ countries) => countries.map((country) => `phone-metadata/${country}.js`);

/** The entry imports nothing statically: it starts the defining module (define.js) and, on a page with buttons, the phone code at once. */
const firstLoad = ['spaces-call-button.js', ...withStaticImports('define.js')];
const numbers = [...withStaticImports('phone.js')];
const calling = [...numbers, ...withStaticImports(chunk('call-controller-'))];
/** What `live` adds once a call is placed: the channel's own chunk and what it imports that a call has not loaded. */
const liveChannel = [...withStaticImports(chunk('live-channel-'))].filter((file) => !firstLoad.includes(file) && !calling.includes(file));
/** What a page that opts in to the scan adds, after its numbers are checked; a classic page loads the ES build's phone code with it. */
const scan = [...withStaticImports(chunk('number-scan-'))];
const TEN = ['GB', 'US', 'DE', 'FR', 'ES', 'JP', 'IN', 'AU', 'BR', 'IT'];
const pages = {
  'first load (ES module)': firstLoad,
  'numbers checked (ES module)': [...new Set([...firstLoad, ...numbers, ...metadata(['GB'])])],
  'one-country page (ES module)': [...new Set([...firstLoad, ...calling, ...metadata(['GB'])])],
  'ten-country page (ES module)': [...new Set([...firstLoad, ...calling, ...metadata(TEN)])],
  'live channel (ES module, lazy)': liveChannel,
  'page scan (ES module, lazy)': scan.filter((file) => !numbers.includes(file)),
  'page scan (classic script, lazy)': scan,
  'classic script': ['spaces-call-button.iife.js'],
  'one-country page (classic script)': ['spaces-call-button.iife.js', ...metadata(['GB'])],
};

const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
const rows = readdirSync(dist)
  .filter((file) => file.endsWith('.js') && !file.startsWith('node'))
  .map((file) => /** @type {const} */ ([file, measure(file)]));
const allMetadata = readdirSync(dist + 'phone-metadata').map((f) => measure(`phone-metadata/${f}`));
console.log('file'.padEnd(48), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
for (const [file, m] of rows) console.log(file.padEnd(48), kb(m.raw).padStart(10), kb(m.gzip).padStart(10), kb(m.brotli).padStart(10));
const largest = allMetadata.reduce((a, b) => (b.gzip > a.gzip ? b : a));
console.log(`phone-metadata/*.js (${allMetadata.length} files)`.padEnd(48), 'largest:', kb(largest.raw).padStart(10), kb(largest.gzip).padStart(10), kb(largest.brotli).padStart(10));

let failed = false;
console.log('\npage'.padEnd(49), 'gzip'.padStart(10), 'brotli'.padStart(10), 'budget'.padStart(10), ' files');
for (const [name, files] of Object.entries(pages)) {
  const total = files.map(measure).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }));
  const budget = budgetOf(name);
  const over = budget !== undefined && total.gzip > budget * 1024;
  failed ||= over;
  console.log(name.padEnd(48), kb(total.gzip).padStart(10), kb(total.brotli).padStart(10), (budget === undefined ? '—' : `${budget} KB`).padStart(10), ` ${files.length}${over ? '  OVER BUDGET' : ''}`);
}
if (failed) {
  console.error('\nOver the size budget in CONTRIBUTING.md.');
  process.exit(1);
}

/** The gzip budget in KB from CONTRIBUTING.md's "Size budgets" table row that names this page. */
function budgetOf(/** @type {string} */ name) {
  const row = budgets.split('\n').find((line) => line.startsWith(`| ${name} |`));
  const match = row && /\|\s*([\d.]+) KB\s*\|/.exec(row.slice(name.length + 2));
  return match ? Number(match[1]) : undefined;
}
