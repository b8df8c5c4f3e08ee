// @ts-check
/**
 * `npm start`'s documentation site (a Vite plugin, for the dev server only):
 * - `/docs/` and `/docs/<guide>`: docs/README.md and docs/<guide>.md rendered with marked, links between the
 *   guides (and to the README, CONTRIBUTING.md, the token endpoint's reference and the screenshots) made into the
 *   site's own addresses;
 * - `/docs/playground`: api-viewer-element reading the manifest, with the button live against the mock API;
 * - the manifest (`dist/custom-elements.json`) written at start when missing, and again whenever a file of `src/`
 *   changes, so that the playground and the editors' files follow the code.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docs = fileURLToPath(new URL('../', import.meta.url));

/** Pages outside docs/ that the guides link to, by their path from docs/. */
const OUTSIDE = { '../README.md': 'readme', '../CONTRIBUTING.md': 'contributing', '../CHANGELOG.md': 'changelog', '../src/token-endpoint/README.md': 'token-endpoint' };
const FILES = { readme: 'README.md', contributing: 'CONTRIBUTING.md', changelog: 'CHANGELOG.md', 'token-endpoint': 'src/token-endpoint/README.md' };

const NAV = [
  ['', 'Overview'],
  ['getting-started', 'Getting started'],
  ['tokens', 'Tokens and production'],
  ['live-status', 'Live status'],
  ['page-defaults', 'Page defaults and tel: links'],
  ['theming', 'Theming'],
  ['frameworks', 'Frameworks'],
  ['troubleshooting', 'Troubleshooting'],
  ['mock-api', 'The mock Spaces API'],
  ['api', 'API reference'],
  ['playground', 'API playground'],
];

const escapeHtml = (/** @type {string} */ text) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const slug = (/** @type {string} */ text) =>
  text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/&#?\w+;/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

/**
 * A guide's address on the site, from a link in markdown `file` (a path from the repository's root).
 * @param {string} href
 * @param {string} file
 */
export function siteHref(href, file) {
  if (/^[a-z][a-z+.-]*:|^#/i.test(href)) return href;
  const [path, anchor] = href.split('#');
  const fromDocs = file.startsWith('docs/') ? path : file === 'README.md' || file === 'CONTRIBUTING.md' || file === 'CHANGELOG.md' ? `../${path}` : `../src/token-endpoint/${path}`;
  const normalized = new URL(fromDocs, 'http://x/docs/').pathname; // /docs/…, /README.md, /demo/…
  const hash = anchor ? `#${anchor}` : '';
  if (normalized === '/docs/README.md' || normalized === '/docs/') return `/docs/${hash}`;
  const guide = /^\/docs\/([\w-]+)\.md$/.exec(normalized);
  if (guide) return `/docs/${guide[1]}${hash}`;
  const outside = Object.entries(OUTSIDE).find(([from]) => new URL(from, 'http://x/docs/').pathname === normalized);
  if (outside) return `/docs/${outside[1]}${hash}`;
  return `${normalized}${hash}`; // a screenshot or another file, served by Vite from the repository
}

/** @param {string} file  a markdown file, from the repository's root */
export function renderMarkdown(file) {
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens, depth }) {
        const html = this.parser.parseInline(tokens);
        return `<h${depth} id="${slug(html)}">${html}</h${depth}>\n`;
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens);
        return `<a href="${escapeHtml(siteHref(href, file))}"${title ? ` title="${escapeHtml(title)}"` : ''}>${text}</a>`;
      },
      code({ text, lang }) {
        // Focusable, so that a block wider than the page can be scrolled from the keyboard.
        return `<pre tabindex="0"><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${escapeHtml(text)}</code></pre>\n`;
      },
      image({ href, title, text }) {
        return `<img src="${escapeHtml(siteHref(href, file))}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ''} loading="lazy">`;
      },
    },
  });
  const markdown = readFileSync(root + file, 'utf8').replace(/<!--[\s\S]*?-->\n?/g, '');
  return /** @type {string} */ (marked.parse(markdown));
}

/**
 * @param {string} title
 * @param {string} current  the NAV key of the page
 * @param {string} main  the page's HTML
 * @param {string} [head]
 */
function page(title, current, main, head = '') {
  const nav = NAV.map(([key, label]) => `<li><a href="/docs/${key}"${key === current ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · spaces-call-button</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/site/docs.css">
${head}
</head>
<body>
<header><a href="/docs/" class="brand">spaces-call-button</a> <a href="/">CRM demo</a></header>
<div class="layout">
<nav aria-label="Documentation"><ul>${nav}</ul></nav>
<main id="main">${main}</main>
</div>
</body>
</html>`;
}

/** The playground: the manifest's element in api-viewer, its demo placing calls against the mock API. */
function playground() {
  const head = `<meta name="spaces-call-button:api-base" content="/">
<meta name="spaces-call-button:token" content="demo-token">
<meta name="spaces-call-button:default-country" content="GB">
<meta name="spaces-call-button:live" content="true">
<meta name="spaces-call-button:socket-url" content="/chat">
<script type="module" src="/src/spaces-call-button.ts"></script>
<script type="module" src="/docs/site/playground.ts"></script>`;
  const main = `<h1>API playground</h1>
<p>The element's API as its manifest describes it (<code>dist/custom-elements.json</code>, rebuilt while
<code>npm start</code> runs), and a live button: change its attributes under Knobs and click it; calls go to the
mock Spaces API, so the <a href="/docs/mock-api">test numbers</a> reach every outcome. The full reference is the
<a href="/docs/api">API reference</a>.</p>
<api-viewer section="demo">
<template data-element="spaces-call-button" data-target="host"><spaces-call-button number="020 7946 0958"></spaces-call-button></template>
<template data-element="spaces-call-button" data-target="slot"></template>
</api-viewer>`;
  return page('API playground', 'playground', main, head);
}

/** Runs `cem analyze` (the manifest and the editors' files), one run at a time, another once it ends if asked meanwhile. */
function manifestWriter(/** @type {(line: string) => void} */ log) {
  /** @type {'idle' | 'running' | 'again'} */
  let state = 'idle';
  const run = () => {
    state = 'running';
    const child = spawn(process.execPath, [root + 'node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze'], { cwd: root, stdio: 'ignore' });
    child.on('exit', (code) => {
      if (code) log(`cem analyze failed (exit ${code}): the playground shows the last manifest`);
      if (state === 'again') run();
      else state = 'idle';
    });
  };
  return () => {
    if (state === 'idle') run();
    else state = 'again';
  };
}

/** @returns {import('vite').Plugin} */
export function docsSite() {
  return {
    name: 'docs-site',
    configureServer(server) {
      const writeManifest = manifestWriter((line) => server.config.logger.warn(`[docs] ${line}`));
      if (!existsSync(root + 'dist/custom-elements.json')) writeManifest();
      server.watcher.on('all', (_event, path) => {
        if (path.startsWith(root + 'src/') && /\.ts$/.test(path)) writeManifest();
      });
      const guides = new Set(readdirSync(docs).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3)));
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path === '/docs') return void res.writeHead(301, { location: '/docs/' }).end();
        const name = /^\/docs\/([\w-]*)$/.exec(path)?.[1];
        if (name === undefined) return next();
        const label = NAV.find(([key]) => key === name)?.[1];
        let html;
        if (name === 'playground') html = playground();
        else if (name === '') html = page('Documentation', '', renderMarkdown('docs/README.md'));
        else if (guides.has(name)) html = page(label ?? name, name, renderMarkdown(`docs/${name}.md`));
        else if (name in FILES) html = page(name, name, renderMarkdown(FILES[/** @type {keyof typeof FILES} */ (name)]));
        else return next();
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      });
    },
  };
}
