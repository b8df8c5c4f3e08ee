// @ts-check
/**
 * `npm run docs`: writes docs/api.md, the API reference, from what the code says and nothing else: the element from
 * dist/custom-elements.json (the class's JSDoc, built by `npm run build`), the events' details, the error kinds, the
 * page defaults and the token endpoint's variables from their sources, the English error texts by running the code
 * that makes them, the entries' exports from the built Node files. test/docs/api-reference.test.mjs fails when the
 * committed copy differs from what this generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const API_MD = 'docs/api.md';

/** @typedef {{ name: string, type?: string, optional: boolean, description: string }} Field */

/** Fields of an interface, inherited ones first, with their JSDoc; `Omit<X, 'k'>` is followed. */
function interfaceFields(/** @type {ts.SourceFile[]} */ files, /** @type {string} */ name, omit = new Set()) {
  const declaration = files.flatMap((file) => file.statements).find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!declaration || !ts.isInterfaceDeclaration(declaration)) throw new Error(`docs: no interface ${name}`);
  /** @type {Field[]} */
  const fields = [];
  for (const clause of declaration.heritageClauses ?? []) {
    for (const type of clause.types) {
      const text = type.expression.getText();
      if (text === 'Omit') {
        const [base, keys] = type.typeArguments ?? [];
        const omitted = new Set([...keys.getText().matchAll(/'([^']+)'/g)].map((m) => m[1]));
        fields.push(...interfaceFields(files, base.getText(), new Set([...omit, ...omitted])));
      } else fields.push(...interfaceFields(files, text, omit));
    }
  }
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member)) continue;
    const key = member.name.getText();
    if (omit.has(key)) continue;
    const doc = ts.getJSDocCommentsAndTags(member).map((d) => (ts.isJSDoc(d) ? ts.getTextOfJSDocComment(d.comment) ?? '' : '')).join(' ');
    const at = fields.findIndex((f) => f.name === key);
    const field = { name: key, type: member.type?.getText().replace(/\s+/g, ' '), optional: !!member.questionToken, description: doc };
    if (at >= 0) fields[at] = { ...field, description: field.description || fields[at].description };
    else fields.push(field);
  }
  return fields;
}

function parse(/** @type {string} */ path) {
  return ts.createSourceFile(path, readFileSync(root + path, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The kinds of CallErrorKind in their order, each with the comment written before it. */
function errorKinds(/** @type {ts.SourceFile} */ file) {
  const alias = file.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === 'CallErrorKind');
  if (!alias || !ts.isTypeAliasDeclaration(alias) || !ts.isUnionTypeNode(alias.type)) throw new Error('docs: no CallErrorKind union');
  const text = file.getFullText();
  return alias.type.types.map((member, i, all) => {
    const kind = member.getText().slice(1, -1);
    const before = text.slice(i ? all[i - 1].end : alias.type.pos, member.getStart());
    const cause = /\/\*\*([\s\S]*?)\*\/[^/]*$/.exec(before)?.[1].replace(/\s*\n\s*\*?/g, ' ').trim();
    if (!cause) throw new Error(`docs: the error kind ${kind} has no comment in call-error-kind.ts`);
    return { kind, cause };
  });
}

/** Every English error text, made by the code that makes it, with stand-in facts. */
async function englishErrors() {
  const entry = `export { callErrors, httpError } from ${JSON.stringify(root + 'src/api/call-error.ts')};`;
  const out = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  const { callErrors, httpError } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  /** @type {Record<string, unknown[]>} stand-in arguments of each factory */
  const samples = {
    signedOut: ['https://crm.example.com/spaces/sign-in'],
    tokenUnavailable: [503],
    badConfig: ['«problem»'],
    insecureEndpoint: ['http://api.example.com'],
    badResponse: [200, 'not-json'],
    timeout: [15000],
  };
  /** @type {{ kind: string, message: string }[]} */
  const texts = [];
  const add = (/** @type {{ kind: string, message: string }} */ error) => {
    if (!texts.some((t) => t.message === error.message)) texts.push({ kind: error.kind, message: error.message });
  };
  for (const [name, make] of Object.entries(callErrors)) add(make(...(samples[name] ?? [])));
  add(callErrors.tokenUnavailable());
  add(callErrors.badResponse(200, 'no-receivers'));
  for (const status of [400, 401, 403, 404, 429, 503, 418]) add(httpError({ status, ...(status === 429 ? { retryAfterSeconds: 30 } : {}) }));
  add(httpError({ status: 400, serverMessage: '«the message of the JSON error body»' }));
  return texts;
}

/** The problems a `bad-config` error names, as written in the code (`${…}` shown as «…»). */
function badConfigProblems() {
  const problems = [];
  for (const path of ['src/api/call-settings.ts', 'src/api/spaces-client.ts']) {
    const source = readFileSync(root + path, 'utf8');
    for (const m of source.matchAll(/callErrors\.badConfig\((['`])((?:(?!\1).)*)\1\)/g)) {
      problems.push(m[2].replace(/\$\{elsewhere\}/g, '«api-base, environment or socket-url»').replace(/\$\{(\w+)\}/g, '«$1»'));
    }
  }
  return problems;
}

/** The token endpoint's variables: the table in config.js's header, checked against the names readConfig reads. */
function endpointVariables() {
  const source = readFileSync(root + 'src/token-endpoint/config.js', 'utf8');
  const header = source.slice(0, source.indexOf('*/'));
  const rows = header
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''))
    .filter((line) => line.startsWith('|'));
  const documented = new Set(rows.slice(2).flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1])));
  const body = source.slice(header.length);
  const read = new Set([...body.matchAll(/['"]((?:SPACES_[A-Z_]+|PORT|HOST))['"]/g)].map((m) => m[1]));
  for (const [, name] of body.matchAll(/^\s+(SPACES_[A-Z_]+):/gm)) read.add(name);
  const missing = [...read].filter((name) => !documented.has(name));
  const stale = [...documented].filter((name) => !read.has(name));
  if (missing.length || stale.length) throw new Error(`docs: config.js's table and readConfig differ: not in the table ${missing.join(', ') || '—'}; not read ${stale.join(', ') || '—'}`);
  return rows;
}

const code = (/** @type {string | undefined} */ text) => (text ? `\`${text.replace(/\|/g, '\\|')}\`` : '');
const cell = (/** @type {string | undefined} */ text) => (text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** A default as the manifest has it: a literal shown as code, words as words. */
const shownDefault = (/** @type {string | undefined} */ value) =>
  value === undefined ? '—' : /^('.*'|".*"|-?[\d.]+|true|false|null)$/.test(value) && !/",/.test(value) ? code(value) : cell(value);

/**
 * The reference, as a string.
 * @param {{ manifest?: any }} [options]  the manifest to read (default dist/custom-elements.json)
 */
export async function generateApiReference({ manifest = JSON.parse(readFileSync(root + 'dist/custom-elements.json', 'utf8')) } = {}) {
  const element = manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []).find((/** @type {any} */ d) => d.customElement);
  if (!element) throw new Error('docs: no custom element in the manifest');
  const eventsFile = parse('src/element/events.ts');
  const errorKindFile = parse('src/api/call-error-kind.ts');
  const defaultsFile = parse('src/page/page-defaults.ts');
  const typeFiles = [eventsFile, errorKindFile];

  const publicMembers = element.members.filter((/** @type {any} */ m) => !m.static && (m.privacy ?? 'public') === 'public');
  const fields = publicMembers.filter((/** @type {any} */ m) => m.kind === 'field');
  const methods = publicMembers.filter((/** @type {any} */ m) => m.kind === 'method');
  const attributes = element.attributes;
  /** @type {string[]} */
  const lines = [];
  const out = (/** @type {string[]} */ ...text) => lines.push(...text);

  out(
    '# API reference',
    '',
    '<!-- Generated by `npm run docs` from the code (the class\'s JSDoc through dist/custom-elements.json, the events,',
    '     the error kinds and their English texts, the page defaults, the token endpoint\'s configuration). Do not edit:',
    '     `npm test` fails when this file differs from what the code generates. -->',
    '',
    `\`<${element.tagName}>\`: ${element.summary ?? ''} ${element.description ?? ''}`.trim(),
    '',
    'The guides say how to use it: [getting started](getting-started.md), [tokens and production](tokens.md),',
    '[live status](live-status.md), [page defaults and tel: links](page-defaults.md), [theming](theming.md),',
    '[frameworks](frameworks.md), [troubleshooting](troubleshooting.md).',
    '',
    '## Attributes and properties',
    '',
    'Every attribute has a camelCase property. Setting the attribute sets the property; only the properties marked',
    '"reflects" write their value back to the attribute (for CSS selectors such as `[variant="icon"]`). Every',
    'attribute but `number`, `disabled`, `variant`, `size`, `masked`, `visible-digits`, the three labels and `lang` can',
    'also be given once for the whole page (see [Page defaults](#page-defaults)); the button\'s own value wins.',
    '',
    '| attribute | property | type | default | reflects | description |',
    '|---|---|---|---|---|---|',
  );
  for (const attribute of attributes) {
    const field = fields.find((/** @type {any} */ f) => f.name === attribute.fieldName);
    out(
      `| ${code(attribute.name)} | ${field ? code(field.name) : '(native)'} | ${code(field?.type?.text ?? attribute.type?.text ?? 'string')} | ${shownDefault(field?.default ?? attribute.default)} | ${field?.reflects ? 'yes' : 'no'} | ${cell(field?.description ?? attribute.description)} |`,
    );
  }
  const propertyOnly = fields.filter((/** @type {any} */ f) => !attributes.some((/** @type {any} */ a) => a.fieldName === f.name));
  out('', '### Properties without an attribute', '', '| property | type | default | read-only | description |', '|---|---|---|---|---|');
  for (const field of propertyOnly) {
    out(`| ${code(field.name)} | ${code(field.type?.text)} | ${shownDefault(field.default)} | ${field.readonly ? 'yes' : 'no'} | ${cell(field.description)} |`);
  }

  out('', '## Methods', '', '| method | returns | description |', '|---|---|---|');
  for (const method of methods) {
    const parameters = (method.parameters ?? []).map((/** @type {any} */ p) => p.name).join(', ');
    out(`| ${code(`${method.name}(${parameters})`)} | ${code(method.return?.type?.text ?? 'void')} | ${cell(method.description)} |`);
  }

  out(
    '',
    '## Events',
    '',
    'Every event bubbles and crosses shadow roots (`composed`), is typed in `GlobalEventHandlersEventMap`, and never',
    'carries the token. Only `spaces-call-start` is cancelable.',
    '',
    '| event | type | description |',
    '|---|---|---|',
  );
  for (const event of element.events) out(`| ${code(event.name)} | ${code(event.type?.text)} | ${cell(event.description)} |`);
  for (const event of element.events) {
    const alias = eventsFile.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === event.type?.text);
    const detail = alias && ts.isTypeAliasDeclaration(alias) ? /CustomEvent<(\w+)>/.exec(alias.type.getText())?.[1] : undefined;
    if (!detail) throw new Error(`docs: no detail type for the event ${event.name} (${event.type?.text})`);
    out('', `### \`${event.name}\`: \`detail: ${detail}\``, '', '| field | type | description |', '|---|---|---|');
    for (const field of interfaceFields(typeFiles, detail)) {
      out(`| ${code(field.name + (field.optional ? '?' : ''))} | ${code(field.type)} | ${cell(field.description)} |`);
    }
  }

  /** A `## heading`, an optional sentence, and a table of the rows' cells. */
  const table = (/** @type {string} */ heading, /** @type {string} */ intro, /** @type {string[]} */ columns, /** @type {string[][]} */ rows) =>
    out('', heading, '', ...(intro ? [intro, ''] : []), `| ${columns.join(' | ')} |`, `|${'---|'.repeat(columns.length)}`, ...rows.map((row) => `| ${row.join(' | ')} |`));
  table('## Slots', '', ['slot', 'description'], element.slots.map((/** @type {any} */ s) => [s.name ? code(s.name) : '(default)', cell(s.description)]));
  table('## CSS parts', 'Style them with `spaces-call-button::part(name)`.', ['part', 'description'], element.cssParts.map((/** @type {any} */ p) => [code(p.name), cell(p.description)]));
  table(
    '## CSS custom properties',
    'Set them on the button or on any ancestor: they inherit. The defaults follow `color-scheme` through `light-dark()`.',
    ['property', 'default', 'description'],
    element.cssProperties.map((/** @type {any} */ p) => [code(p.name), code(p.default) || '—', cell(p.description)]),
  );
  table('## States', 'Custom states, for CSS: `spaces-call-button:state(calling)`.', ['state', 'description'], element.cssStates.map((/** @type {any} */ s) => [code(s.name), cell(s.description)]));

  out(
    '',
    '## Page defaults',
    '',
    '`configureSpacesCallButtons(defaults)` sets them from a script; each but `getToken` can also be a',
    '`<meta name="spaces-call-button:{attribute}" content="…">` tag. Script defaults win over meta tags; a call merges',
    'with the previous ones (`undefined` removes a script default, `\'\'` overrides a meta tag with nothing).',
    '',
    '| option | meta tag | type | description |',
    '|---|---|---|---|',
  );
  for (const option of interfaceFields([defaultsFile], 'SpacesCallButtonDefaults')) {
    const kebab = option.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const field = fields.find((/** @type {any} */ f) => f.name === option.name);
    const meta = option.name === 'getToken' ? '(script only)' : code(`spaces-call-button:${kebab}`);
    out(`| ${code(option.name)} | ${meta} | ${code(option.type)} | ${cell(option.description || field?.description)} |`);
  }

  out(
    '',
    '## Errors',
    '',
    'A failed call fires `spaces-call-error` with `detail.kind`, and `button.error` holds `{ kind, message, … }`. The',
    'button shows the message in its own language; the English texts are below (values in «» stand for the facts).',
    '',
    '| kind | when |',
    '|---|---|',
  );
  for (const { kind, cause } of errorKinds(errorKindFile)) out(`| ${code(kind)} | ${cell(cause)} |`);
  out('', '### Facts beside the kind', '', '| field | type | description |', '|---|---|---|');
  for (const field of interfaceFields(typeFiles, 'CallError').filter((f) => f.name !== 'kind')) {
    out(`| ${code(field.name + (field.optional ? '?' : ''))} | ${code(field.type)} | ${cell(field.description)} |`);
  }
  out('', '### English messages', '', '| kind | message |', '|---|---|');
  const order = errorKinds(errorKindFile).map((k) => k.kind);
  const messages = (await englishErrors()).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const { kind, message } of messages) out(`| ${code(kind)} | ${cell(message)} |`);
  out('', '### `bad-config` problems', '', 'The `problem` of a `bad-config` error is one of:', '');
  for (const problem of badConfigProblems()) out(`- ${problem}`);

  const entry = await import(pathToFileURL(root + 'dist/node.js').href);
  const element_ = await import(pathToFileURL(root + 'dist/node-index.js').href);
  /** The entry's exports as the manifest lists them (types too), split by whether the built entry has them at run time. */
  const exportsOf = (/** @type {string} */ path, /** @type {object} */ runtime) => {
    const names = manifest.modules
      .find((/** @type {any} */ m) => m.path === path)
      .exports.map((/** @type {any} */ e) => e.name)
      .filter((/** @type {string} */ name) => name !== '*' && name !== element.tagName);
    return { values: names.filter((/** @type {string} */ n) => n in runtime), types: names.filter((/** @type {string} */ n) => !(n in runtime)) };
  };
  const main = exportsOf('src/spaces-call-button.ts', entry);
  const bare = exportsOf('src/index.ts', element_);
  const list = (/** @type {string[]} */ names) => [...new Set(names)].sort().map((n) => code(n)).join(', ');
  out(
    '',
    '## Entries',
    '',
    '| import | defines the tag | functions and classes | types |',
    '|---|---|---|---|',
    `| \`spaces-call-button\` (also \`dist/spaces-call-button.js\`) | yes | ${list(main.values)} | ${list(main.types)} and the event types |`,
    `| \`spaces-call-button/element\` (also \`dist/index.js\`) | no | ${list(bare.values)} | ${list(bare.types)} and the event types |`,
    `| the classic script, \`dist/spaces-call-button.iife.js\` | yes | \`window.SpacesCallButton\`: ${list(Object.keys(entry))} | |`,
    '',
    'The event types are `CallStartEvent`, `CallSuccessEvent`, `CallErrorEvent`, `CallUpdateEvent`, `CallEndEvent` and',
    'their `…Detail` types.',
  );

  out(
    '',
    '## Token endpoint variables',
    '',
    '`npx spaces-call-button-token-endpoint` (and `readConfig(process.env)`) read these; see [tokens and production](tokens.md).',
    '',
    ...endpointVariables(),
    '',
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(root + API_MD, await generateApiReference());
  console.log(`Wrote ${API_MD}.`);
}
