// @ts-check
import { readFileSync } from 'node:fs';

/**
 * The files that the README's optional `<link rel="modulepreload">` tags name, as paths from the project's folder
 * (`/dist/element.js`…): the test of one round trip and the record-page bench both read them from there.
 * @param {string} root  the project's folder
 * @returns {string[]}
 */
export function readmePreloadFiles(root) {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  return [...readme.matchAll(/<link rel="modulepreload" href="[^"]*\/(dist\/[^"]+)">/g)].map(([, path]) => `/${path}`);
}
