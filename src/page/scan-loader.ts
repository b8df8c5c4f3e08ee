/**
 * The page scan's loader, the only part of it in the first download: the scan itself (number-scan.ts) is a chunk
 * that loads when a page opts in or calls `scanPhoneNumbers`. It gets the buttons' own page defaults and texts from
 * here, so that a page has one copy of each (the classic script loads the ES build's chunk).
 */
import { languageOf, messagesFor } from '../i18n/locale.js';
import type { ScanOptions } from './number-scan.js';
import { pageDefaultCountry } from './page-defaults.js';
import { startWhenLoaded } from './start-when-loaded.js';

export type { ScanOptions };

const host = { country: pageDefaultCountry, messages: messagesFor, language: languageOf };

/**
 * Makes the phone numbers written as plain text under `root` callable, now and as its text changes: a
 * `<spaces-call-button variant="icon">` right after each, the text left as it is (docs/scan.md says what it leaves
 * alone). Without `root`, the regions the page opts in (`data-spaces-scan`, or the meta tag for the `<body>`), as
 * the script does by itself when it loads; a page that opts in nothing loads nothing. Returns the function that stops
 * and removes every button it inserted (called before the scan's code has loaded, nothing is scanned).
 */
export function scanPhoneNumbers(root?: Element, options?: ScanOptions): () => void {
  if (!root && !document.querySelector('[data-spaces-scan],meta[name="spaces-call-button:scan"]')) return () => undefined;
  return startWhenLoaded(import('./number-scan.js'), (scan) => scan.startScan(host, root, options));
}
