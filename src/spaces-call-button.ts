/**
 * Defines `<spaces-call-button>`: the module a page loads with a script tag.
 * Safe to load twice (a CRM page may include the script more than once). Its exports
 * are what the classic script puts on `window.SpacesCallButton`; the full API without
 * side effects is in index.ts.
 */
import { pageDefaults } from './page-defaults.js';
import { SpacesCallButton } from './spaces-call-button.component.js';
import { upgradeTelLinks } from './tel-links.js';

export { SpacesCallButton, type CallStatus } from './spaces-call-button.component.js';
export { configureSpacesCallButtons, type SpacesCallButtonDefaults } from './page-defaults.js';
export { upgradeTelLinks } from './tel-links.js';
export { reportSpacesCallEvent } from './live/report-call-event.js';
export type * from './events.js';

if (globalThis.customElements && !customElements.get('spaces-call-button')) {
  customElements.define('spaces-call-button', SpacesCallButton);
  whenParsed(() => {
    if (pageDefaults().upgradeTelLinks) upgradeTelLinks();
  });
}

function whenParsed(run: () => void): void {
  if (!globalThis.document) return; // imported on a server
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
