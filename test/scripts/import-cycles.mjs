// @ts-check
/**
 * `npm test`'s check that `src/` has no import cycle, type-only imports included: every relative `import`,
 * `export … from` and `import()` of every module under src/ (TypeScript's own pre-processor reads them), as a
 * graph; each cycle found is printed as a path, and the exit code is 1 when there is one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const src = join(root, 'src');
const modules = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
const known = new Set(modules);

/** The modules `file` imports, as paths of known modules. @param {string} file */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => join(dirname(file), name))
    .map((path) => [path, path.replace(/\.js$/, '.ts')].find((candidate) => known.has(candidate)))
    .filter((path) => path !== undefined);
}

const graph = new Map(modules.map((file) => [file, importsOf(file)]));
/** @type {string[][]} */
const cycles = [];
/** @type {Map<string, 'open' | 'done'>} */
const visit = new Map();
/** @param {string} file @param {string[]} path */
function walk(file, path) {
  visit.set(file, 'open');
  for (const next of graph.get(file) ?? []) {
    if (visit.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
    else if (!visit.has(next)) walk(next, [...path, next]);
  }
  visit.set(file, 'done');
}
for (const file of modules) if (!visit.has(file)) walk(file, [file]);

const name = (/** @type {string} */ file) => relative(root, file);
if (cycles.length) {
  console.error(`Import cycles in src/ (type-only imports count too):\n${cycles.map((cycle) => `  ${cycle.map(name).join(' → ')}`).join('\n')}`);
  process.exit(1);
}
console.log(`No import cycle in src/ (${modules.length} modules).`);
