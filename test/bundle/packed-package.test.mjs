// @ts-check
/**
 * The package as a user gets it: `npm pack`, the tarball installed into a scratch app, imported there by
 * name in Node and bundled for the browser by esbuild. A file missing from `files`, or an `exports`,
 * `types`, `customElements` or `sideEffects` entry that points at nothing, fails here.
 * Run after `npm run build` (npm test does both).
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Browser, startServer as startMockAccounts } from '../token-endpoint/support.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const requireFromRoot = createRequire(join(root, 'package.json'));
const NAME = 'spaces-call-button';
/** Besides `package.json`, what the package ships: the built files a user loads, and its documents. */
const SHIPPED = /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/(custom-elements|vscode\.(html|css)-custom-data|web-types)\.json|dist\/[\w/.-]+\.js|dist\/(types|token-endpoint)\/[\w/.-]+\.d\.ts)$/;
/** What each entry exports at least (the README's API). */
const EXPORTED = {
  [NAME]: ['SpacesCallButton', 'configureSpacesCallButtons', 'upgradeTelLinks', 'forgetSpacesToken'],
  [`${NAME}/element`]: ['SpacesCallButton', 'configureSpacesCallButtons', 'createSpacesClient', 'isSecureOrigin', 'normalizePhone', 'upgradeTelLinks', 'forgetSpacesToken'],
};

/**
 * Runs npm as a user would in that folder: without the `npm_*` settings of an enclosing `npm test`
 * (`npm test --dry-run`, say, would otherwise reach the install), but with its cache and registry.
 * @param {string} cwd
 * @param {string[]} args
 */
async function npm(cwd, args) {
  const keep = new Set(['npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig', 'npm_config_registry', 'npm_config_cafile']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.has(key.toLowerCase())));
  const { stdout } = await promisify(execFile)('npm', [...args, '--loglevel=error'], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** @param {string} folder  every file below it, as `a/b.js` */
function filesBelow(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath ?? entry.path, entry.name)).split('\\').join('/'));
}

/**
 * Every file path a package.json field or `exports` condition names.
 * @param {unknown} value
 * @returns {string[]}
 */
function targets(value) {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(targets);
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

/** @type {string} */
let scratch;
/** @type {string} the scratch app, with the tarball installed */
let app;
/** @type {string} */
let installed;
/** @type {{ filename: string, files: { path: string }[], entryCount: number, size: number }} */
let packed;
/** @type {Record<string, any>} */
let manifest;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), `${NAME}-packed-`));
  [packed] = JSON.parse(await npm(root, ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch]));
  app = join(scratch, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), `${JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }, null, 2)}\n`);
  await npm(app, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(scratch, packed.filename)]);
  installed = join(app, 'node_modules', NAME);
  manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
});
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds only what a user needs: dist (no test files, no source maps), README, LICENSE, CHANGELOG, the editors\' files', () => {
    const paths = packed.files.map((file) => file.path);
    assert.deepEqual(paths.filter((path) => !SHIPPED.test(path)), [], 'files outside the allowed list');
    assert.deepEqual(paths.filter((path) => /(^|\/)(tests?|__tests__|bench|demo|fixtures?|coverage)(\/|$)|\.(test|spec)\./.test(path)), [], 'test files');
    const editors = ['dist/vscode.html-custom-data.json', 'dist/vscode.css-custom-data.json', 'dist/web-types.json'];
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/custom-elements.json', ...editors]) {
      assert.ok(paths.includes(needed), `${needed} is packed`);
    }
  });

  it('holds every built file that is meant to ship', () => {
    const built = filesBelow(join(root, 'dist')).map((path) => `dist/${path}`).filter((path) => SHIPPED.test(path));
    const paths = new Set(packed.files.map((file) => file.path));
    assert.ok(built.length > 400, `a build is in dist/ (${built.length} files)`);
    assert.deepEqual(built.filter((path) => !paths.has(path)), [], 'built files left out by "files"');
  });

  it('is MIT-licensed, public, and says where it lives', async () => {
    assert.equal(manifest.license, 'MIT');
    assert.equal(manifest.private, undefined);
    assert.match(await readFile(join(installed, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.match(await readFile(join(installed, 'CHANGELOG.md'), 'utf8'), new RegExp(`## \\[${manifest.version.replaceAll('.', '\\.')}\\]`));
    for (const field of ['repository', 'homepage', 'bugs', 'keywords']) assert.ok(manifest[field], `${field} is set`);
  });
});

describe('the installed package', () => {
  it('has every file that exports, types, customElements and sideEffects name', () => {
    const named = targets([manifest.exports, manifest.types, manifest.customElements, manifest['web-types'], manifest.sideEffects, manifest.main, manifest.module]);
    assert.ok(named.length >= 10, `${named.length} paths named`);
    assert.deepEqual(named.filter((path) => !existsSync(join(installed, path))), [], 'named but not installed');
    const manifestJson = JSON.parse(readFileSync(join(installed, manifest.customElements), 'utf8'));
    assert.ok(manifestJson.modules.some((/** @type {any} */ m) => m.declarations?.some((/** @type {any} */ d) => d.tagName === NAME)), 'the manifest declares the tag');
  });

  it('imports by name in Node (the node condition): ./element defines nothing, . defines the tag, one class', async () => {
    const script = `
      const element = await import('${NAME}/element');
      const definedBefore = Boolean(globalThis.customElements?.get('${NAME}'));
      const main = await import('${NAME}');
      const { default: metadata } = await import('libphonenumber-js/min/metadata');
      console.log(JSON.stringify({
        names: { '${NAME}': Object.keys(main), '${NAME}/element': Object.keys(element) },
        definedBefore,
        defined: globalThis.customElements?.get('${NAME}') === main.SpacesCallButton,
        oneClass: main.SpacesCallButton === element.SpacesCallButton,
        e164: element.normalizePhone('020 7946 0958', 'GB', metadata).e164,
        resolved: [import.meta.resolve('${NAME}'), import.meta.resolve('${NAME}/element')].map((url) => url.split('/node_modules/')[1]),
      }));`;
    await writeFile(join(app, 'check.mjs'), script);
    const { stdout } = await promisify(execFile)(process.execPath, ['check.mjs'], { cwd: app });
    const seen = JSON.parse(stdout);
    for (const [entry, names] of Object.entries(EXPORTED)) {
      assert.deepEqual(names.filter((name) => !seen.names[entry].includes(name)), [], `missing from ${entry}`);
    }
    assert.deepEqual(seen.resolved, [`${NAME}/dist/node.js`, `${NAME}/dist/node-index.js`]);
    assert.equal(seen.definedBefore, false, `${NAME}/element defines nothing`);
    assert.equal(seen.defined, true, `${NAME} defines the tag`);
    assert.equal(seen.oneClass, true);
    assert.equal(seen.e164, '+442079460958');
  });

  it('type-checks an app against the installed types', async () => {
    await writeFile(
      join(app, 'typed.ts'),
      [
        `import { configureSpacesCallButtons, type CallSuccessEvent, type SpacesCallButton } from '${NAME}';`,
        `import { normalizePhone, type CallErrorKind } from '${NAME}/element';`,
        `configureSpacesCallButtons({ defaultCountry: 'GB', getToken: async ({ forceRefresh }) => (forceRefresh ? 'new' : 'old') });`,
        `const button: SpacesCallButton | null = document.querySelector('${NAME}');`,
        `button?.addEventListener('spaces-call-success', (event: CallSuccessEvent) => console.log(event.detail.number));`,
        `document.addEventListener('spaces-call-error', (event) => { const kind: CallErrorKind = event.detail.kind; console.log(kind); });`,
        `export const shown: string | undefined = button?.number;`,
        `export { normalizePhone };`,
        '',
      ].join('\n'),
    );
    // node16 resolution, the strictest: the `types` conditions of `exports` and `.js` paths inside the declarations.
    const compilerOptions = { noEmit: true, strict: true, skipLibCheck: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], module: 'node16', moduleResolution: 'node16' };
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['typed.ts'] }));
    const tsc = requireFromRoot.resolve('typescript/bin/tsc');
    const errors = await promisify(execFile)(process.execPath, [tsc, '-p', '.'], { cwd: app }).then(
      () => '',
      (/** @type {any} */ error) => String(error.stdout || error.message),
    );
    assert.equal(errors, '', 'type errors');
  });

  it('bundles for the browser (the default condition) with esbuild, following the lazy chunks', async () => {
    // esbuild as @web/dev-server-esbuild (a dev dependency) has it.
    /** @type {typeof import('esbuild')} */
    const esbuild = requireFromRoot(requireFromRoot.resolve('esbuild', { paths: [requireFromRoot.resolve('@web/dev-server-esbuild')] }));
    await writeFile(join(app, 'main.js'), `import '${NAME}';\nimport { normalizePhone } from '${NAME}/element';\nexport { normalizePhone };\n`);
    const result = await esbuild.build({
      absWorkingDir: app,
      entryPoints: ['main.js'],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: join(app, 'out'),
      metafile: true,
      logLevel: 'silent',
    });
    assert.deepEqual(result.errors, []);
    const inputs = Object.keys(result.metafile.inputs).map((path) => path.split('\\').join('/'));
    const ours = inputs.filter((path) => path.startsWith(`node_modules/${NAME}/`)).map((path) => path.slice(`node_modules/${NAME}/`.length));
    assert.ok(ours.includes('dist/npm/spaces-call-button.js') && ours.includes('dist/npm/index.js'), 'the default condition gives dist/npm/');
    assert.deepEqual(ours.filter((path) => !path.startsWith('dist/npm/')), [], 'nothing from the Node or script-tag builds');
    assert.ok(ours.filter((path) => path.startsWith('dist/npm/phone-metadata/')).length > 200, 'the per-calling-code metadata chunks are followed');
    for (const dependency of ['lit', 'ky', 'libphonenumber-js']) {
      assert.ok(inputs.some((path) => path.startsWith(`node_modules/${dependency}/`)), `${dependency} comes from the app's node_modules`);
    }
  });

  it('imports the token endpoint by name in Node (spaces-call-button/token-endpoint), and no browser build can', async () => {
    await writeFile(
      join(app, 'endpoint.mjs'),
      `const endpoint = await import('${NAME}/token-endpoint');\nconsole.log(JSON.stringify(Object.keys(endpoint).sort()));\n`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['endpoint.mjs'], { cwd: app });
    const names = JSON.parse(stdout);
    for (const name of ['createTokenEndpoint', 'createMemorySessionStore', 'createRedisSessionStore', 'readConfig']) assert.ok(names.includes(name), name);
    /** @type {typeof import('esbuild')} */
    const esbuild = requireFromRoot(requireFromRoot.resolve('esbuild', { paths: [requireFromRoot.resolve('@web/dev-server-esbuild')] }));
    await writeFile(join(app, 'server-in-browser.js'), `import '${NAME}/token-endpoint';\n`);
    const refused = await esbuild
      .build({ absWorkingDir: app, entryPoints: ['server-in-browser.js'], bundle: true, platform: 'browser', write: false, logLevel: 'silent' })
      .then(() => false, () => true);
    assert.equal(refused, true, 'a browser bundle cannot resolve the server module');
  });

  it('starts the spaces-call-button-token-endpoint bin from the tarball, which completes a sign-in against the mock accounts', async () => {
    const accounts = await startMockAccounts();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bin = spawn(join(app, 'node_modules', '.bin', 'spaces-call-button-token-endpoint'), [], {
      cwd: app,
      env: {
        PATH: process.env.PATH ?? '',
        SPACES_CLIENT_ID: 'mock-client',
        SPACES_CLIENT_SECRET: 'mock-secret',
        SPACES_REDIRECT_URI: `${base}/spaces/callback`,
        SPACES_ACCOUNTS_URL: accounts.base,
        SPACES_REVOCATION_URL: `${accounts.base}/oauth2/revoke`,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise((resolve, reject) => {
        bin.stdout.on('data', (chunk) => String(chunk).includes('listening') && resolve(undefined));
        bin.on('exit', (code) => reject(new Error(`the bin exited with ${code}`)));
      });
      const browser = new Browser(base);
      const { callback } = await browser.signIn();
      assert.equal(callback?.status, 302);
      const token = await browser.token();
      assert.equal(token.status, 200);
      assert.match(token.json().access_token, /^mock-oauth-/);
      assert.equal((await browser.request('/spaces/sign-out', { method: 'POST' })).status, 204);
      assert.equal((await browser.token()).status, 401);
    } finally {
      bin.kill('SIGTERM');
      await accounts.close();
    }
  });
});

/** A port nothing listens on now. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}
