// @ts-check
/**
 * docs/api.md is generated (npm run docs): it must be what the code generates now, list every part of the element's
 * API with its default and nothing else, and give the custom properties the stylesheet's own fallbacks.
 * Needs dist/ (npm run build).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { API_MD, generateApiReference } from '../scripts/docs.mjs';

const root = new URL('../../', import.meta.url);
const read = (/** @type {string} */ path) => readFileSync(new URL(path, root), 'utf8');
const manifest = JSON.parse(read('dist/custom-elements.json'));
const element = manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []).find((/** @type {any} */ d) => d.customElement);
const committed = read(API_MD);

/** The first column's names of the table under a `## heading` (up to the next heading of any level). */
function namesUnder(/** @type {string} */ heading) {
  const start = committed.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `${API_MD} has no "${heading}"`);
  const section = committed.slice(start + heading.length + 2).split(/\n#/)[0];
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('|---'))
    .slice(1)
    .map((line) => line.split(' | ')[0].slice(2).replace(/^`|`$/g, ''));
}

describe('docs/api.md', () => {
  it('is what npm run docs generates from the code now (run npm run docs after changing the API or its JSDoc)', async () => {
    const generated = await generateApiReference({ manifest });
    assert.equal(committed, generated, `${API_MD} differs from the code: run npm run docs`);
  });

  it('lists every attribute, property, method, event, slot, part, custom property and state of the element, and nothing else', () => {
    const publicMembers = element.members.filter((/** @type {any} */ m) => !m.static && (m.privacy ?? 'public') === 'public');
    const attributeNames = element.attributes.map((/** @type {any} */ a) => a.name);
    const withAttribute = new Set(element.attributes.map((/** @type {any} */ a) => a.fieldName));
    assert.deepEqual(namesUnder('## Attributes and properties'), attributeNames);
    assert.deepEqual(
      namesUnder('### Properties without an attribute'),
      publicMembers.filter((/** @type {any} */ m) => m.kind === 'field' && !withAttribute.has(m.name)).map((/** @type {any} */ m) => m.name),
    );
    assert.deepEqual(
      namesUnder('## Methods').map((name) => name.replace(/\(.*\)$/, '')),
      publicMembers.filter((/** @type {any} */ m) => m.kind === 'method').map((/** @type {any} */ m) => m.name),
    );
    assert.deepEqual(namesUnder('## Events'), element.events.map((/** @type {any} */ e) => e.name));
    assert.deepEqual(namesUnder('## Slots'), element.slots.map((/** @type {any} */ s) => s.name || '(default)'));
    assert.deepEqual(namesUnder('## CSS parts'), element.cssParts.map((/** @type {any} */ p) => p.name));
    assert.deepEqual(namesUnder('## CSS custom properties'), element.cssProperties.map((/** @type {any} */ p) => p.name));
    assert.deepEqual(namesUnder('## States'), element.cssStates.map((/** @type {any} */ s) => s.name));
  });

  it('gives every attribute, property and custom property a default', () => {
    const publicFields = element.members.filter((/** @type {any} */ m) => m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public');
    const missing = [
      ...publicFields.filter((/** @type {any} */ f) => f.default === undefined).map((/** @type {any} */ f) => f.name),
      ...element.attributes.filter((/** @type {any} */ a) => !a.fieldName && a.default === undefined).map((/** @type {any} */ a) => a.name),
      ...element.cssProperties.filter((/** @type {any} */ p) => !p.default).map((/** @type {any} */ p) => p.name),
    ];
    assert.deepEqual(missing, [], 'add @default (or @cssprop [--name=default]) to their JSDoc');
  });

  it('has the stylesheet\'s own fallback as each custom property\'s default', () => {
    const styles = read('src/element/spaces-call-button.styles.ts');
    const fallbacks = new Map([...styles.matchAll(/var\((--spaces-call-button-[\w-]+), (.*)\);$/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual(
      new Map(element.cssProperties.map((/** @type {any} */ p) => [p.name, p.default])),
      fallbacks,
      'the @cssprop defaults in the class JSDoc differ from spaces-call-button.styles.ts',
    );
  });

  it('names every error kind of the code, each with its English message', () => {
    const kinds = [...read('src/api/call-error-kind.ts').matchAll(/^\s+\| '([a-z-]+)'/gm)].map((m) => m[1]);
    assert.ok(kinds.length >= 18);
    assert.deepEqual(namesUnder('## Errors'), kinds);
    assert.deepEqual([...new Set(namesUnder('### English messages'))], kinds);
  });
});
