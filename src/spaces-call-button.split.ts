/**
 * `dist/spaces-call-button.js`, the ES module a page loads with a script tag: the split build's entry. It imports
 * nothing statically, so that it runs as soon as it arrives and starts, in one batch, every file the page needs
 * first (page/first-batch.ts); then it exports what spaces-call-button.ts (built as `define.js`) exports, once that
 * has defined the element. The other builds (classic script, npm, node) use spaces-call-button.ts itself.
 */
import { startFirstBatch, type FirstBatchFiles } from './page/first-batch.js';

/** Written into the built entry by vite.config.ts (`firstBatch`): the files, as the build named them. */
declare const __FIRST_BATCH_FILES__: FirstBatchFiles;
/** Written in by vite.config.ts too: what reads a `+` number's calling code (first-batch.ts, `internationalNumber`). */
declare const __INTERNATIONAL_NUMBER__: RegExp;

const api = await startFirstBatch<typeof import('./spaces-call-button.js')>(import.meta.url, __FIRST_BATCH_FILES__, __INTERNATIONAL_NUMBER__);

export const { SpacesCallButton, configureSpacesCallButtons, upgradeTelLinks, scanPhoneNumbers, forgetSpacesToken, reportSpacesCallEvent } = api;
