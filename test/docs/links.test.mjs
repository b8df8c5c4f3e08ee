// @ts-check
/**
 * Every relative link (and image) of README.md, CONTRIBUTING.md, CHANGELOG.md and docs/*.md resolves to a file in
 * the repository, and its #anchor to a heading there; none points outside the repository. Absolute links are allowed
 * only to the package's public homes (npm, the CDN, the repository itself) and to the standards they cite.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Links and images of a markdown text, outside code blocks and code spans. */
export function linksOf(/** @type {string} */ markdown) {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)|^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? m[2]);
}

/** GitHub's anchor for a heading. */
const slug = (/** @type {string} */ heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchorsOf(/** @type {string} */ file) {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) => slug(m[1].replace(/`/g, ''))));
}

const ALLOWED_ABSOLUTE = [
  /^https:\/\/(www\.)?npmjs\.com\/package\/spaces-call-button/,
  /^https:\/\/cdn\.jsdelivr\.net\/npm\/spaces-call-button/,
  /^https:\/\/github\.com\/spaces-call-button\/spaces-call-button/,
  /^https:\/\/keepachangelog\.com\//,
  /^https:\/\/semver\.org\//,
];

describe('documentation links', () => {
  for (const page of pages) {
    it(`${page}: every relative link resolves inside the repository, and no link leaves it`, () => {
      const text = readFileSync(join(root, page), 'utf8');
      const problems = [];
      for (const link of linksOf(text)) {
        if (/^[a-z][a-z+.-]*:/i.test(link)) {
          if (!ALLOWED_ABSOLUTE.some((allowed) => allowed.test(link))) problems.push(`${link}: an address outside the repository`);
          continue;
        }
        const [path, anchor] = link.split('#');
        const target = path ? resolve(dirname(join(root, page)), decodeURI(path)) : join(root, page);
        if (relative(root, target).startsWith('..')) {
          problems.push(`${link}: outside the repository`);
          continue;
        }
        if (!existsSync(target)) {
          problems.push(`${link}: no such file`);
          continue;
        }
        if (anchor && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(target).has(anchor)) problems.push(`${link}: no heading #${anchor}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('finds links, so that an empty list above means something', () => {
    assert.deepEqual(linksOf('[a](docs/x.md) ![b](y.png "t") `[c](z)`\n[d]: ../e.md'), ['docs/x.md', 'y.png', '../e.md']);
  });
});
