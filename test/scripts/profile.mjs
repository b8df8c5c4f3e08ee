// @ts-check
/**
 * `npm run bench:profile` (issue #12): where rendering 1,000 and 10,000 buttons spends its time and its memory, in
 * the benchmark's page (test/bench/ours.html) in headless Chromium, through Playwright's CDP sessions:
 *   - CPU: a `Profiler` sampling profile of the render (from setting the HTML to laid out, on-screen numbers
 *     checked); the top functions by self time (name, source:line), and self time by source file;
 *   - memory: a `HeapProfiler` sampling profile of what the render allocated that is still alive after a full GC,
 *     by allocating function; and heap snapshots before and after, their objects grouped by constructor: count,
 *     self size and retained size (computed from the dominator tree, as DevTools' summary does) per button.
 * It builds the ES module once more with source maps into bench-results/profile-dist/ and serves that in place
 * of dist/, so that the profile names the TypeScript sources (`--no-build`: profile dist/ as it is, minified).
 * `--warm`: the CPU profile with the phone code and data loaded first, as the heap ones are.
 * `--lit-floor`: the same for the bench's Lit floor (test/bench/lit-floor.html), to compare with.
 * Other options: `--sizes=1000,10000` (the heap snapshots are taken for sizes up to 1,000 unless
 * `--snapshot-max=N`), `--top=15`. Figures are of one run on a machine that may be busy: the load average is printed.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/chromium.mjs';
import { serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => ARGS.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const BUILD = !ARGS.includes('--no-build');
const SIZES = option('sizes', '1000,10000').split(',').map(Number);
const SNAPSHOT_MAX = Number(option('snapshot-max', '1000'));
const TOP = Number(option('top', '15'));
const OUT = 'bench-results/profile-dist';
const LIT_FLOOR = ARGS.includes('--lit-floor');
/** `--warm`: the CPU profile too with the phone code and data loaded first (one button rendered and removed). */
const WARM_CPU = ARGS.includes('--warm');
/** `--callers=setAttribute`: also where the self time of the functions of that name was spent from (their callers). */
const CALLERS_OF = option('callers', '');
const [PAGE, TAG] = LIT_FLOOR ? ['lit-floor.html', 'lit-floor-call-button'] : ['ours.html', 'spaces-call-button'];
const SERVED = BUILD ? OUT : 'dist';

// ---------------------------------------------------------------------------------------------
// The page: the bench's numbers (UK, five formats, all distinct) and its idea of "rendered".

const RANGES = ['020 7946 0', '0113 496 0', '0114 496 0', '0115 946 0', '0116 496 0', '0117 496 0', '0118 496 0', '0121 496 0', '0131 496 0', '0141 496 0', '0151 496 0', '0161 496 0', '0191 498 0', '028 9649 6', '029 2018 0', '07700 123'];
/** @type {((national: string) => string)[]} */
const FORMATS = [(n) => n, (n) => `+44 ${n.slice(1)}`, (n) => n.replaceAll(' ', '-'), (n) => `tel:+44-${n.slice(1).replaceAll(' ', '-')}`, (n) => `${n} ext. 12`];
/** @param {number} count */
const markup = (count) =>
  Array.from({ length: count }, (_, i) => {
    const national = RANGES[i % RANGES.length] + String(Math.floor(i / RANGES.length) % 1000).padStart(3, '0');
    return `<${TAG} id="b${i}" number="${FORMATS[i % FORMATS.length](national)}"></${TAG}>`;
  }).join('\n');

/**
 * In the page: sets the HTML and waits until every button is rendered and laid out, on-screen numbers checked.
 * @param {string} html
 */
async function renderInPage(html) {
  const start = performance.now();
  document.body.innerHTML = html;
  await new Promise(requestAnimationFrame);
  const onScreen = [...document.body.children].filter((element) => element.getBoundingClientRect().top < innerHeight * 1.5);
  await Promise.all(onScreen.map((element) => /** @type {{ updateComplete?: Promise<unknown> }} */ (element).updateComplete));
  void document.body.offsetHeight;
  await new Promise(requestAnimationFrame);
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------
// Source maps: a small decoder, so that positions in the built files name their TypeScript source.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * @typedef {{ sources: string[], names: string[], lines: number[][][] }} SourceMap  lines: segments [column, source, line, column, name?]
 * @param {string} file
 * @returns {SourceMap | undefined}
 */
function readSourceMap(file) {
  if (!existsSync(`${file}.map`)) return undefined;
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const state = [0, 0, 0, 0, 0];
  const lines = map.mappings.split(';').map((/** @type {string} */ line) => {
    state[0] = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((/** @type {string} */ segment) => {
        const values = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.indexOf(char);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = shift = 0;
          }
        }
        return values.map((delta, i) => (state[i] += delta));
      });
  });
  return { sources: map.sources.map((/** @type {string} */ source) => source.replace(/^(\.\.\/)+/, '')), names: map.names, lines };
}

/** @type {Map<string, SourceMap | undefined>} */
const maps = new Map();

/**
 * The original position of a 0-based line and column of a file (a path from the repository's root), through its
 * source map, and on through the map of a package's own built file (Lit's map to its TypeScript).
 * @param {string} file
 * @param {number} line
 * @param {number} column
 * @returns {{ file: string, line: number, name?: string }}
 */
function original(file, line, column) {
  if (!maps.has(file)) maps.set(file, readSourceMap(root + file));
  const map = maps.get(file);
  const segments = map?.lines[line];
  if (!map || !segments?.length) return { file, line: line + 1 };
  let found = segments[0];
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  if (found.length < 4) return { file, line: line + 1 };
  const source = file.startsWith('node_modules/') ? `${file.slice(0, file.lastIndexOf('/') + 1)}${map.sources[found[1]]}` : map.sources[found[1]];
  const name = found.length > 4 ? map.names[found[4]] : undefined;
  if (source.startsWith('node_modules/') && source !== file) {
    const deeper = original(source, found[2], found[3]);
    return { ...deeper, name: deeper.name ?? name };
  }
  return { file: source, line: found[2] + 1, name };
}

/**
 * `source:line` of a position in a served file (0-based line and column, as CDP gives them), and the original name
 * at that position when the maps know it.
 * @param {string} url
 * @param {number} line
 * @param {number} column
 */
function locate(url, line, column) {
  if (!url) return { location: '' };
  const path = new URL(url).pathname.slice(1);
  const served = path.startsWith('dist/') ? `${SERVED}/${path.slice('dist/'.length)}` : path;
  const found = original(served, line, column);
  return { location: `${found.file.replace(/^node_modules\//, '')}:${found.line}`, name: found.name };
}

/**
 * A profile's frame as `name  source:line`: the original name when the minified one is not telling.
 * @param {{ functionName: string, url: string, lineNumber: number, columnNumber: number }} frame
 */
function frameKey({ functionName, url, lineNumber, columnNumber }) {
  const { location, name } = locate(url, lineNumber, columnNumber);
  const shown = functionName.length > 2 || !name ? functionName || name || '(anonymous)' : name;
  return { key: `${shown}${location ? `  ${location}` : ''}`, location };
}

/**
 * The original names of the classes in the served build, by their minified names (`je` → `TemplateInstance`), so
 * that the heap snapshot's constructors can be read. A minified name used for different classes in different chunks
 * gets all of them.
 * @returns {Map<string, string>}
 */
function classNames() {
  /** @type {Map<string, Set<string>>} */
  const names = new Map();
  const files = LIT_FLOOR
    ? ['lit-html/lit-html.js', '@lit/reactive-element/reactive-element.js', 'lit-element/lit-element.js'].map((file) => `node_modules/${file}`)
    : readdirSync(root + SERVED).filter((name) => name.endsWith('.js')).map((file) => `${SERVED}/${file}`);
  for (const file of files) {
    const lines = readFileSync(root + file, 'utf8').split('\n');
    lines.forEach((text, line) => {
      for (const match of text.matchAll(/class ([\w$]+)|([\w$]+)=class\b/g)) {
        const at = match[1] ? match.index + 'class '.length : match.index;
        const name = original(file, line, at).name;
        const minified = match[1] ?? match[2];
        if (name && name !== minified) names.set(minified, (names.get(minified) ?? new Set()).add(name));
      }
    });
  }
  return new Map([...names].map(([minified, originals]) => [minified, [...originals].join(' | ')]));
}

/** The file part of a location, packages by name: what the "by source" summary groups by. @param {string} location */
const sourceOf = (location) => {
  if (!location) return '(browser: DOM, style, layout, built-ins)';
  const file = location.replace(/:\d+(:\d+)?$/, '');
  return file.startsWith('src/') ? file : file.replace(/^((@[^/]+\/)?[^/]+).*$/, '$1');
};

// ---------------------------------------------------------------------------------------------
// CPU profile.

/**
 * @param {import('playwright-core').CDPSession} cdp
 * @param {() => Promise<unknown>} work
 */
async function cpuProfile(cdp, work) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  /** @type {Map<number, number>} */
  const selfTime = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfTime.set(samples[i], (selfTime.get(samples[i]) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<string, number>} */
  const bySource = new Map();
  /** @type {Map<string, number>} */
  const byCaller = new Map();
  /** @type {Map<number, { id: number, callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number }, children?: number[], hitCount?: number }>} */
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  let busy = 0;
  for (const node of profile.nodes) {
    const ms = selfTime.get(node.id) ?? 0;
    const { functionName } = node.callFrame;
    if (!ms || functionName === '(idle)') continue;
    busy += ms;
    const { key, location } = frameKey(node.callFrame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const source = ['(program)', '(garbage collector)'].includes(functionName) ? functionName : sourceOf(location);
    bySource.set(source, (bySource.get(source) ?? 0) + ms);
    const parent = parentOf.get(node.id);
    if (CALLERS_OF && functionName === CALLERS_OF && parent) {
      const caller = frameKey(parent.callFrame).key;
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + ms);
    }
  }
  return { busy, byFunction, bySource, byCaller };
}

// ---------------------------------------------------------------------------------------------
// Heap: the sampling profile of what stays alive, and snapshots grouped by constructor.

/**
 * @param {import('playwright-core').CDPSession} cdp
 * @param {() => Promise<unknown>} work
 */
async function liveAllocations(cdp, work) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.startSampling', { samplingInterval: 256 });
  await work();
  await cdp.send('HeapProfiler.collectGarbage');
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  let total = 0;
  /** @param {{ selfSize: number, callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number }, children: any[] }} node */
  const walk = (node) => {
    if (node.selfSize) {
      const { key } = frameKey(node.callFrame);
      byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
      total += node.selfSize;
    }
    node.children.forEach(walk);
  };
  walk(profile.head);
  return { total, byFunction };
}

/**
 * A heap snapshot's objects grouped by constructor (or by kind: `(closure)`, `(string)`, `(array)`…): count, self
 * size and retained size; Blink's own objects (`native`, not in the JS heap) marked `[blink]`. A group's retained size counts each of its objects that no other object of the same group
 * dominates, as DevTools' summary does; weak edges are not followed.
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<Map<string, { count: number, self: number, retained: number }>>}
 */
async function snapshotByConstructor(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  /** @type {string[]} */
  const chunks = [];
  /** @param {{ chunk: string }} event */
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join(''));
  const { node_fields: nodeFields, edge_fields: edgeFields, node_types: nodeTypes, edge_types: edgeTypes } = snapshot.snapshot.meta;
  const N = nodeFields.length;
  const E = edgeFields.length;
  const [typeAt, nameAt, selfAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((field) => nodeFields.indexOf(field));
  const [edgeTypeAt, toAt] = ['type', 'to_node'].map((field) => edgeFields.indexOf(field));
  const nodeTypeNames = nodeTypes[typeAt];
  const weak = edgeTypes[edgeTypeAt].indexOf('weak');
  const { nodes, edges, strings } = snapshot;
  const count = nodes.length / N;

  // Successors (no weak edges), then a depth-first postorder from the root (node 0).
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * N + edgeCountAt] * E;
    firstEdge[i + 1] = e;
  }
  const postorder = new Int32Array(count).fill(-1);
  const order = new Uint32Array(count);
  let visited = 0;
  const stack = [0];
  const edgeCursor = new Uint32Array(count);
  const seen = new Uint8Array(count);
  seen[0] = 1;
  edgeCursor[0] = firstEdge[0];
  while (stack.length) {
    const node = stack[stack.length - 1];
    let pushed = false;
    while (edgeCursor[node] < firstEdge[node + 1]) {
      const e = edgeCursor[node];
      edgeCursor[node] += E;
      if (edges[e + edgeTypeAt] === weak) continue;
      const to = edges[e + toAt] / N;
      if (seen[to]) continue;
      seen[to] = 1;
      edgeCursor[to] = firstEdge[to];
      stack.push(to);
      pushed = true;
      break;
    }
    if (!pushed) {
      stack.pop();
      postorder[node] = visited;
      order[visited++] = node;
    }
  }
  // Predecessors of the reachable nodes.
  const predecessorCount = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) {
    if (!seen[i]) continue;
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) if (edges[e + edgeTypeAt] !== weak) predecessorCount[edges[e + toAt] / N]++;
  }
  const firstPredecessor = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) firstPredecessor[i + 1] = firstPredecessor[i] + predecessorCount[i];
  const predecessors = new Uint32Array(firstPredecessor[count]);
  const fill = firstPredecessor.slice();
  for (let i = 0; i < count; i++) {
    if (!seen[i]) continue;
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += E) if (edges[e + edgeTypeAt] !== weak) predecessors[fill[edges[e + toAt] / N]++] = i;
  }
  // Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm), in postorder numbers.
  const idom = new Int32Array(visited).fill(-1);
  const rootNumber = postorder[0];
  idom[rootNumber] = rootNumber;
  for (let changed = true; changed; ) {
    changed = false;
    for (let n = visited - 2; n >= 0; n--) {
      const node = order[n];
      let dominator = -1;
      for (let p = firstPredecessor[node]; p < firstPredecessor[node + 1]; p++) {
        let other = postorder[predecessors[p]];
        if (other < 0 || idom[other] < 0) continue;
        if (dominator < 0) {
          dominator = other;
          continue;
        }
        let mine = dominator;
        while (mine !== other) {
          while (mine < other) mine = idom[mine];
          while (other < mine) other = idom[other];
        }
        dominator = mine;
      }
      if (dominator >= 0 && idom[n] !== dominator) {
        idom[n] = dominator;
        changed = true;
      }
    }
  }
  // Retained sizes: children before parents in postorder.
  const retained = new Float64Array(visited);
  for (let n = 0; n < visited; n++) retained[n] += nodes[order[n] * N + selfAt];
  for (let n = 0; n < visited; n++) if (n !== rootNumber) retained[idom[n]] += retained[n];
  // Groups, and for the retained sizes, objects not dominated by one of their own group (walk down the dominator tree).
  const groupOf = (/** @type {number} */ node) => {
    const type = nodeTypeNames[nodes[node * N + typeAt]];
    if (type === 'native' && !strings[nodes[node * N + nameAt]].startsWith('system / ')) return `${strings[nodes[node * N + nameAt]]} [blink]`;
    return type === 'object' ? strings[nodes[node * N + nameAt]] : `(${type})`;
  };
  /** @type {Map<string, { count: number, self: number, retained: number }>} */
  const groups = new Map();
  const firstChild = new Int32Array(visited).fill(-1);
  const nextSibling = new Int32Array(visited).fill(-1);
  for (let n = 0; n < visited; n++) {
    if (n === rootNumber) continue;
    nextSibling[n] = firstChild[idom[n]];
    firstChild[idom[n]] = n;
  }
  /** @type {Map<string, number>} */
  const open = new Map();
  /** @type {[number, boolean][]} */
  const walk = [[rootNumber, false]];
  while (walk.length) {
    const [n, leaving] = /** @type {[number, boolean]} */ (walk.pop());
    const group = groupOf(order[n]);
    if (leaving) {
      open.set(group, (open.get(group) ?? 1) - 1);
      continue;
    }
    const entry = groups.get(group) ?? { count: 0, self: 0, retained: 0 };
    entry.count++;
    entry.self += nodes[order[n] * N + selfAt];
    if (!open.get(group)) entry.retained += retained[n];
    groups.set(group, entry);
    open.set(group, (open.get(group) ?? 0) + 1);
    walk.push([n, true]);
    for (let child = firstChild[n]; child >= 0; child = nextSibling[child]) walk.push([child, false]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Running and printing.

/** @param {Map<string, number>} values @param {(value: number) => string} show */
function printTop(values, show) {
  for (const [key, value] of [...values].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${show(value).padStart(10)}  ${key}`);
}

/** @param {number} bytes */
const kb = (bytes) => (Math.abs(bytes) >= 10_240 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes.toFixed(0)} B`);

if (BUILD) {
  execSync(`npx vite build --sourcemap --outDir ${OUT} --emptyOutDir`, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} else if (!existsSync(`${root}dist/spaces-call-button.js`)) {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
const site = await serveStatic(root, { apiBase: 'http://127.0.0.1:9/not-called' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

/**
 * The bench's empty page for ours, the profiled build in place of dist/; `warm`: with one button rendered and
 * removed, so that the phone code and data it loads are not counted per button.
 */
async function open(warm = false) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  if (BUILD) await page.route(/\/dist\//, (route) => route.continue({ url: route.request().url().replace('/dist/', `/${OUT}/`) }));
  await page.goto(`${site.origin}/test/bench/${PAGE}`);
  await page.evaluate((tag) => customElements.whenDefined(tag).then(() => undefined), TAG);
  if (warm) {
    await page.evaluate(renderInPage, `<${TAG} number="+44 20 7946 0000"></${TAG}>`);
    await page.evaluate(() => document.body.replaceChildren());
  }
  const cdp = await page.context().newCDPSession(page);
  return { page, cdp };
}

try {
  console.log(`Profiling <${TAG}> (test/bench/${PAGE}).`);
  console.log(`Load average (1, 5, 15 min) on ${availableParallelism()} cores: ${loadavg().map((value) => value.toFixed(2)).join(', ')}`);
  for (const size of SIZES) {
    const html = markup(size);
    {
      const { page, cdp } = await open(WARM_CPU);
      let took = 0;
      const { busy, byFunction, bySource, byCaller } = await cpuProfile(cdp, async () => (took = await page.evaluate(renderInPage, html)));
      await page.close();
      console.log(`\n${size.toLocaleString('en')} buttons: render ${took.toFixed(0)} ms, ${busy.toFixed(0)} ms of it busy. CPU self time by function:`);
      printTop(byFunction, (ms) => `${ms.toFixed(1)} ms`);
      console.log('CPU self time by source:');
      printTop(bySource, (ms) => `${ms.toFixed(1)} ms`);
      if (CALLERS_OF) {
        console.log(`${CALLERS_OF}'s self time by caller:`);
        printTop(byCaller, (ms) => `${ms.toFixed(1)} ms`);
      }
    }
    {
      const { page, cdp } = await open(true);
      const { total, byFunction } = await liveAllocations(cdp, () => page.evaluate(renderInPage, html));
      await page.close();
      console.log(`\n${size.toLocaleString('en')} buttons: allocated and still alive after GC (phone code and data loaded before), sampled: ${kb(total)} (${kb(total / size)} per button). By allocating function:`);
      printTop(byFunction, (bytes) => kb(bytes));
    }
    if (size <= SNAPSHOT_MAX) {
      const { page, cdp } = await open(true);
      const before = await snapshotByConstructor(cdp);
      await page.evaluate(renderInPage, html);
      const after = await snapshotByConstructor(cdp);
      await page.close();
      /** @type {Map<string, { count: number, self: number, retained: number }>} */
      const growth = new Map();
      for (const [group, { count, self, retained }] of after) {
        const was = before.get(group) ?? { count: 0, self: 0, retained: 0 };
        growth.set(group, { count: (count - was.count) / size, self: (self - was.self) / size, retained: (retained - was.retained) / size });
      }
      const named = classNames();
      const js = [...growth].filter(([group]) => !group.endsWith(' [blink]')).map(([group, entry]) => /** @type {const} */ ([named.has(group) ? `${group} (${named.get(group)})` : group, entry]));
      const blink = [...growth].filter(([group]) => group.endsWith(' [blink]'));
      console.log(`\n${size.toLocaleString('en')} buttons: heap snapshot after GC minus the page's before (phone code and data loaded), per button.`);
      console.log('JS heap by constructor, top by retained size:');
      console.log(`  ${'retained'.padStart(10)}  ${'self'.padStart(8)}  ${'count'.padStart(6)}  constructor`);
      for (const [group, { count, self, retained }] of js.sort((x, y) => y[1].retained - x[1].retained).slice(0, TOP)) {
        console.log(`  ${kb(retained).padStart(10)}  ${kb(self).padStart(8)}  ${count.toFixed(2).padStart(6)}  ${group}`);
      }
      console.log('JS heap by constructor, top by self size:');
      for (const [group, { count, self }] of js.sort((x, y) => y[1].self - x[1].self).slice(0, TOP)) {
        console.log(`  ${''.padStart(10)}  ${kb(self).padStart(8)}  ${count.toFixed(2).padStart(6)}  ${group}`);
      }
      const total = (/** @type {typeof js} */ groups) => groups.reduce((sum, [, { self }]) => sum + self, 0);
      console.log(`Blink's objects (not in the JS heap), top by self size (all: ${kb(total(blink))}, JS: ${kb(total(js))} per button):`);
      for (const [group, { count, self }] of blink.sort((x, y) => y[1].self - x[1].self).slice(0, Math.ceil(TOP / 2))) {
        console.log(`  ${''.padStart(10)}  ${kb(self).padStart(8)}  ${count.toFixed(2).padStart(6)}  ${group.slice(0, 100)}`);
      }
    }
  }
} finally {
  await browser.close();
  await site.close();
}
