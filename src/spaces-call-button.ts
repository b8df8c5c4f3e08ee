/**
 * Defines `<spaces-call-button>`. The classic script, the npm build and node are built from it; for a script tag it is
 * `define.js`, which the ES module entry (spaces-call-button.split.ts) starts first and whose exports it passes on.
 * Safe to load twice (a CRM page may include the script more than once). Its exports
 * are what the classic script puts on `window.SpacesCallButton`; the full API without
 * side effects is in index.ts.
 */
import { pageDefaultCountry, pageDefaults } from './page/page-defaults.js';
import { prepareNumbers } from './phone/phone-loader.js';
import { SpacesCallButton } from './element/spaces-call-button.component.js';
import { upgradeTelLinks } from './page/tel-link-loader.js';
import { scanPhoneNumbers } from './page/scan-loader.js';

export { SpacesCallButton, type CallStatus } from './element/spaces-call-button.component.js';
export { configureSpacesCallButtons, type SpacesCallButtonDefaults } from './page/page-defaults.js';
export { upgradeTelLinks } from './page/tel-link-loader.js';
export { scanPhoneNumbers, type ScanOptions } from './page/scan-loader.js';
export { forgetSpacesToken } from './api/sign-out.js';
export { reportSpacesCallEvent } from './live/report-call-event.js';
export type * from './element/events.js';

if (globalThis.customElements && !customElements.get('spaces-call-button')) {
  customElements.define('spaces-call-button', SpacesCallButton);
  whenParsed(() => {
    if (pageDefaults().upgradeTelLinks) upgradeTelLinks();
    scanPhoneNumbers();
    // The phone code and the default country's metadata load once the page is idle, as a chunk apart (out of the
    // first download): a list that the page adds later, as most CRM pages do, then renders without waiting for them.
    // Buttons in the page's HTML start them at once (the ES module's first batch, or the first button to render).
    // Browsers without requestIdleCallback wait for the first button.
    globalThis.requestIdleCallback?.(() => prepareNumbers(pageDefaultCountry()));
  });
}

function whenParsed(run: () => void): void {
  if (!globalThis.document) return; // imported on a server
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
