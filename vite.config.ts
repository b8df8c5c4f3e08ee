/**
 * `npm start`: the demo (index.html) with the mock Spaces API mounted beside it, and the documentation at /docs/
 * (docs/site/docs-site.mjs: the guides, the API playground, the manifest rebuilt as src/ changes).
 * `npm run build` runs five library builds into dist/:
 *   (default)   define.js (defines the tag) and index.js (does not), ES modules that load libphonenumber-js, ky and
 *               per-calling-code phone metadata chunks lazily, relative to themselves, and the manifest of their chunks;
 *   --mode entry  spaces-call-button.js, the script tag's entry: it starts define.js and what the page's buttons
 *               need at once, named from that manifest (src/page/first-batch.ts), then exports what define.js exports;
 *   --mode iife spaces-call-button.iife.js, one classic script with everything inside;
 *   --mode node node.js, the same API built against Lit's server build, for server-side imports;
 *   --mode npm  npm/, the ES build without lit, ky and libphonenumber-js inside: what an app's bundler gets.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Manifest, type Plugin, type UserConfig } from 'vite';
import metadata from 'libphonenumber-js/min/metadata';
import { createMockSpacesApi } from './demo/mock-spaces-api.js';
import { mountTokenEndpointOnMock } from './demo/token-endpoint/mock-mount.mjs';
import { roundRobinProxy } from './demo/token-endpoint/round-robin-proxy.mjs';
import { docsSite } from './docs/site/docs-site.mjs';
import { internationalNumber, type FirstBatchFiles } from './src/page/first-batch.js';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Every calling code in libphonenumber-js's `min` metadata: the countries' and the non-geographic ones (`800`). */
const CALLING_CODES = [...new Set([...Object.keys(metadata.country_calling_codes), ...Object.keys(metadata.nonGeographic ?? {})])];

/**
 * Serves the mock Spaces API beside the demo, so `npm start` needs no backend, with its real-time channel
 * (Socket.IO v2 at `/socket.io`, namespace `/chat`) on the same server: calls are answered after 3 s and end 8 s later.
 * With it, the mock Avaya Cloud Identity (`/oauth2/*`) and the reference token endpoint signed in against it
 * (`/spaces/sign-in`, `/spaces/callback`, `/spaces/token`, `/spaces/sign-out`): `token-url="/spaces/token"`.
 */
function mockSpacesApi(): Plugin {
  const api = createMockSpacesApi({
    latencyMs: 600,
    realtime: { answerMs: 3000, talkMs: 8000, notAnsweredMs: 8000, shortTalkMs: 2000, dropMs: 1000 },
  });
  const tokenEndpoint = mountTokenEndpointOnMock(api.accounts);
  // npm run start:redis: `/spaces/*` served by separate instances of the packaged endpoint, in turn.
  const instances = process.env.SPACES_TOKEN_ENDPOINTS?.split(',').filter(Boolean) ?? [];
  const proxy = instances.length ? roundRobinProxy('/spaces/', instances) : undefined;
  return {
    name: 'mock-spaces-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!api.handle(req, res) && !proxy?.handle(req, res) && !tokenEndpoint.handle(req, res)) next();
      });
      // No HTTP server in middleware mode: then there is no channel either.
      if (server.httpServer) api.attach(server.httpServer);
    },
  };
}

/**
 * Splits libphonenumber-js's `min` metadata into one module per calling code (`phone-metadata/44.js`), written also
 * under the name of each of its countries (`GB.js`, `GG.js`, `IM.js`, `JE.js`: a page that knows only its default
 * country can name its file), and swaps phone-metadata.ts for phone-metadata.split.ts, which loads them on demand.
 */
function phoneMetadataChunks(): Plugin {
  const VIRTUAL = 'virtual:phone-calling-codes';
  /** The modules that load metadata through phone-metadata.ts: the buttons' runtime and the page scan's. */
  const METADATA_USERS = ['phone/phone-runtime.ts', 'phone/metadata-for-text.ts'];
  const { countries, country_calling_codes: regionsOf, nonGeographic = {} } = metadata as unknown as {
    countries: Record<string, unknown[]>;
    country_calling_codes: Record<string, string[]>;
    nonGeographic?: Record<string, unknown>;
  };
  const callingCodeOf = Object.fromEntries(Object.entries(countries).map(([country, data]) => [country, String(data[0])]));
  const chunkOf = (code: string) => ({
    ...(regionsOf[code]
      ? {
          country_calling_codes: { [code]: regionsOf[code] },
          countries: Object.fromEntries(regionsOf[code].filter((r) => countries[r]).map((r) => [r, countries[r]])),
        }
      : {}),
    ...(nonGeographic[code] ? { nonGeographic: { [code]: nonGeographic[code] } } : {}),
  });
  return {
    name: 'phone-metadata-chunks',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === VIRTUAL) return `\0${VIRTUAL}`;
      if (id === './phone-metadata.js' && METADATA_USERS.some((user) => importer === src(user))) return src('phone/phone-metadata.split.ts');
    },
    load(id) {
      if (id !== `\0${VIRTUAL}`) return;
      return [
        `export const callingCodeOf = ${JSON.stringify(callingCodeOf)};`,
        `export const nonGeographicCodes = ${JSON.stringify(Object.keys(nonGeographic))};`,
        `export const metadataVersion = ${JSON.stringify((metadata as { version: unknown }).version)};`,
      ].join('\n');
    },
    generateBundle() {
      for (const code of CALLING_CODES) {
        const source = `export default ${JSON.stringify(chunkOf(code))};\n`;
        for (const name of [code, ...(regionsOf[code]?.filter((region) => countries[region]) ?? [])]) {
          this.emitFile({ type: 'asset', fileName: `phone-metadata/${name}.js`, source });
        }
      }
    },
  };
}

/**
 * The stylesheet's text without its indentation and line breaks: minifiers leave template literals as they are,
 * and every page downloads it. Whitespace runs become one space, then go around `{ } ; ,`, after `:` and around
 * calc()'s `*`; `0.5` loses its zero and an attribute value that is a name its quotes (`[size='small']` →
 * `[size=small]`). The stylesheet has no strings where that would matter (its only quotes are such attribute values),
 * and no selector has a colon before a space.
 */
function compactStylesheet(): Plugin {
  const compact = (text: string) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/;}/g, '}')
      .replace(/: /g, ':')
      .replace(/ \* /g, '*')
      .replace(/([^\w.])0\.(\d)/g, '$1.$2')
      .replace(/='([\w-]+)'\]/g, '=$1]')
      .trim();
  return {
    name: 'compact-stylesheet',
    transform(code, id) {
      if (id !== src('element/spaces-call-button.styles.ts')) return;
      return code.replace(/css`([^`]*)`/, (_, text: string) => `css\`${compact(text)}\``);
    },
  };
}

/**
 * libphonenumber-js publishes its ES modules twice: `es6/`, which `libphonenumber-js/core` names, compiled down to
 * ES5 classes and loops with Babel's helpers in every file, and `es6-modern/`, the same source with classes, `for…of`
 * and spread left as they are. The built files take `es6-modern/`: the phone code is 7 KB smaller (34.2 → 27.3 KB
 * raw), which every page with numbers downloads before its first number is checked. Fails the build if a release of
 * libphonenumber-js no longer has the folder.
 */
function modernPhoneCode(): Plugin {
  const core = fileURLToPath(new URL('./node_modules/libphonenumber-js/core/index.js', import.meta.url));
  return {
    name: 'modern-phone-code',
    enforce: 'pre',
    resolveId(id, importer) {
      if (importer !== core || !id.startsWith('../es6/')) return;
      const modern = fileURLToPath(new URL(id.replace('../es6/', '../es6-modern/'), `file://${core}`));
      if (!existsSync(modern)) this.error(`libphonenumber-js has no ${modern}: modernPhoneCode() in vite.config.ts needs its es6-modern/ build.`);
      // As its package.json says of all its files (\`"sideEffects": false\`): what a page does not use is left out.
      return { id: modern, moduleSideEffects: false };
    },
  };
}

/**
 * Even `es6-modern/` repeats one of Babel's helpers in each file that uses it (`_extends`, 9 times). Each helper
 * written alike wherever it appears is taken from one module instead, whose id names libphonenumber-js, so that it
 * lands in the phone code's chunk.
 */
function shareBabelHelpers(): Plugin {
  const MODULE = '\0libphonenumber-js/babel-helpers';
  const FUNCTION = /^function (\w+)\(.*$/gm;
  /** Babel's helpers are named `_name`; Babel writes each on one line. */
  const isHelper = (name: string, line: string) =>
    name.startsWith('_') && line.endsWith('}') && line.split('{').length === line.split('}').length;
  const folder = fileURLToPath(new URL('./node_modules/libphonenumber-js/es6-modern/', import.meta.url));
  /** Every top-level function of libphonenumber-js's files, each copy's text. */
  const texts = new Map<string, string[]>();
  for (const file of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    for (const [line, name] of readFileSync(folder + file, 'utf8').matchAll(FUNCTION)) texts.set(name, [...(texts.get(name) ?? []), line]);
  }
  // Shared: a helper in several files, written alike, that calls no function of the files but shared helpers.
  const shared = new Map(
    [...texts].filter(([name, lines]) => lines.length > 1 && new Set(lines).size === 1 && isHelper(name, lines[0])).map(([name, [line]]) => [name, line]),
  );
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [name, line] of shared) {
      if ([...line.matchAll(/\b(\w+)\(/g)].some(([, called]) => texts.has(called) && !shared.has(called))) dropped = shared.delete(name);
    }
  }
  return {
    name: 'share-babel-helpers',
    resolveId: (id) => (id === MODULE ? id : undefined),
    load: (id) =>
      id === MODULE
        ? [...shared.values()].map((line) => `export ${line}`).join('\n')
        : undefined,
    transform(code, id) {
      if (!id.startsWith(folder)) return;
      const used: string[] = [];
      const rest = code.replace(FUNCTION, (line, name: string) => (shared.get(name) === line ? (used.push(name), '') : line));
      if (used.length) return { code: `import { ${used.join(', ')} } from '${MODULE}';\n${rest}`, map: null };
    },
  };
}

/**
 * The files of the split build that its entry starts at once (page/first-batch.ts), read from the manifest of the
 * build before (dist/.vite/manifest.json): the defining module with every chunk it imports statically; the phone
 * runtime, the page scan and the tel: link upgrade, each with the chunks it imports that do not come with the ones
 * before; and the translations.
 */
function firstBatchFiles(): FirstBatchFiles {
  const manifest: Manifest = JSON.parse(readFileSync(new URL('./dist/.vite/manifest.json', import.meta.url), 'utf8'));
  const withImports = (key: string, seen = new Set<string>()): string[] => {
    if (!seen.has(key)) {
      seen.add(key);
      for (const imported of manifest[key].imports ?? []) withImports(imported, seen);
    }
    return [...seen].map((chunk) => manifest[chunk].file);
  };
  const phone = Object.keys(manifest).find((key) => manifest[key].name === 'phone-runtime');
  if (!phone) throw new Error('The manifest has no phone runtime chunk: run the ES build first.');
  const translations = Object.values(manifest).flatMap(({ src: path, file, isDynamicEntry }) => {
    const language = isDynamicEntry && /^src\/i18n\/(\w+)\.ts$/.exec(path ?? '')?.[1];
    return language ? [[language, file] as const] : [];
  });
  const define = withImports('src/spaces-call-button.ts');
  /** A chunk and what it imports, less what comes with `others` anyway. */
  const apart = (key: string, others: string[]) => withImports(key).filter((file) => !others.includes(file));
  return {
    define,
    phone: apart(phone, define),
    scan: apart(SCAN_CHUNK, withImports(phone)),
    telLinks: apart('src/page/tel-links.ts', define),
    languages: Object.fromEntries(translations),
  };
}

/** The page scan's chunk in the ES build's manifest. */
const SCAN_CHUNK = 'src/page/number-scan.ts';

/**
 * The classic script loads the page scan from beside itself, as the ES build's chunk (with the phone code that chunk
 * imports), only on a page that asks for it: the scan is not inlined, and a page without it downloads nothing more.
 */
function scanFromEsBuild(): Plugin {
  return {
    name: 'scan-from-es-build',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id !== './number-scan.js' || importer !== src('page/scan-loader.ts')) return;
      const manifest: Manifest = JSON.parse(readFileSync(new URL('./dist/.vite/manifest.json', import.meta.url), 'utf8'));
      return { id: `./${manifest[SCAN_CHUNK].file}`, external: true };
    },
  };
}

const minify = { minify: true } as const;
/** The script tag's files: minified, and without the comments an app's bundler would read (`@__PURE__`…): no bundler reads them. */
const minifyForPages = { ...minify, comments: false } as const;

/**
 * The chunks of the first batch have names without a hash, as `define.js` has, so that a page can name them in
 * `<link rel="modulepreload">` tags (Chromium does not fetch a preloaded module's imports): the element (Rolldown would
 * name it after one of its modules), the phone runtime and the phone code. Every other chunk, loaded later from these,
 * keeps its hash.
 */
function firstBatchChunkName(chunk: { name: string; moduleIds: string[] }): string {
  if (chunk.moduleIds.some((id) => id.endsWith('spaces-call-button.component.ts'))) return 'element.js';
  if (chunk.name === 'phone' || chunk.name === 'phone-runtime') return `${chunk.name}.js`;
  return '[name]-[hash:6].js';
}

/**
 * The modules that the defining module (spaces-call-button.ts) imports or passes on: with everything they import, the
 * element's chunk. Named as a group, because the phone code imports some of them (phone/arrived-runtime.ts,
 * page/page-defaults.ts); left to itself, the bundler would give those a chunk of their own, or put them in the phone
 * code, which a page without numbers would then download.
 */
const definingImports = [...readFileSync(src('spaces-call-button.ts'), 'utf8').matchAll(/^(?:import|export) (?!type ).* from '\.\/([\w/.-]+)\.js';$/gm)].map(
  ([, path]) => src(`${path}.ts`),
);

function libraryBuild(mode: string): UserConfig['build'] {
  if (mode === 'entry') {
    // After the ES build, apart from it: the entry's top-level await would turn off the bundler's merging of chunks.
    return {
      emptyOutDir: false,
      lib: { entry: src('spaces-call-button.split.ts'), formats: ['es'], fileName: () => 'spaces-call-button.js' },
      rolldownOptions: { output: minifyForPages },
    };
  }
  if (mode === 'iife') {
    return {
      emptyOutDir: false,
      lib: { entry: src('spaces-call-button.ts'), formats: ['iife'], name: 'SpacesCallButton', fileName: () => 'spaces-call-button.iife.js' },
      rolldownOptions: { output: { ...minifyForPages, codeSplitting: false } },
    };
  }
  if (mode === 'node') {
    return {
      emptyOutDir: false,
      ssr: true,
      rolldownOptions: {
        input: { node: src('spaces-call-button.ts'), 'node-index': src('index.ts') },
        output: { entryFileNames: '[name].js', chunkFileNames: 'node-[name]-[hash].js' },
      },
    };
  }
  // The script-tag build bundles everything; the npm build (--mode npm, for apps' bundlers) leaves lit, ky and
  // libphonenumber-js to the app, so that an app that uses them too gets one copy.
  const forNpm = mode === 'npm';
  // The script tag's entry starts every file a page needs at once, then exports what define.js exports (see
  // spaces-call-button.split.ts); an app's bundler gets the defining module itself, and does its own preloading.
  return {
    ...(forNpm ? { outDir: 'dist/npm', emptyOutDir: false } : { manifest: true }),
    lib: {
      entry: { [forNpm ? 'spaces-call-button' : 'define']: src('spaces-call-button.ts'), index: src('index.ts') },
      formats: ['es'],
    },
    rolldownOptions: {
      ...(forNpm ? { external: /^(lit|@lit\/[\w-]+|ky|libphonenumber-js)(\/|$)/ } : {}),
      output: {
        ...(forNpm ? minify : minifyForPages),
        entryFileNames: '[name].js',
        chunkFileNames: firstBatchChunkName,
        // The phone code in one chunk: one request fewer before the first number is checked.
        // The page scan's matcher (PhoneNumberMatcher and its helpers) stays out of it, in the scan's own chunk.
        codeSplitting: {
          groups: [
            { name: 'element', test: (id) => definingImports.includes(id), priority: 2 },
            { name: 'phone', test: /libphonenumber-js[\\/](?!.*(?:PhoneNumberMatcher|findNumbers|PhoneNumbersInText|parsePhoneNumber_?\.js))|src[\\/]phone[\\/]phone(-metadata\.split)?\.ts/, priority: 1 },
          ],
        },
      },
    },
  };
}

export default defineConfig(({ command, mode }) => ({
  plugins:
    command === 'serve' ? [mockSpacesApi(), docsSite()]
    : mode === 'node' ? [compactStylesheet()]
    : mode === 'iife' ? [modernPhoneCode(), phoneMetadataChunks(), compactStylesheet(), shareBabelHelpers(), scanFromEsBuild()]
    : [modernPhoneCode(), phoneMetadataChunks(), compactStylesheet(), shareBabelHelpers()],
  server: { port: 5173 },
  // The dev server's dependency scan reads the demo's and the docs' pages, not the bench's and tests' (import maps).
  optimizeDeps: { entries: ['**/*.html', '!test/**', '!bench-results/**', '!dist/**'] },
  ...(mode === 'node' ? { ssr: { noExternal: true, resolve: { conditions: ['node'], externalConditions: ['node'] } } } : {}),
  ...(mode === 'entry'
    ? {
        define: {
          __FIRST_BATCH_FILES__: JSON.stringify(firstBatchFiles()),
          __INTERNATIONAL_NUMBER__: String(internationalNumber(CALLING_CODES)),
        },
      }
    : {}),
  build: { target: 'es2022', ...libraryBuild(mode) },
}));
