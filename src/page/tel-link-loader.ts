/**
 * The tel: link upgrade's loader, the only part of it in the first download: the upgrade itself (tel-links.ts) is a
 * chunk that loads when a page opts in or calls `upgradeTelLinks`. The script tag's first batch starts it with the
 * element on a page whose meta tag opts in.
 */
import { startWhenLoaded } from './start-when-loaded.js';

/**
 * Turns the `<a href="tel:…">` links under `root` (the document by default) into call buttons, once the upgrade's code
 * has loaded, and the links added there later too. Returns the function that stops watching (called before the code
 * has loaded, nothing is upgraded).
 */
export function upgradeTelLinks(root?: ParentNode): () => void {
  return startWhenLoaded(import('./tel-links.js'), (links) => links.watchTelLinks(root));
}
