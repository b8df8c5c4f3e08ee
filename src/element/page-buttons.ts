/**
 * The buttons in the page, for what changes page-wide: the page defaults reach them through one subscription, held
 * while there is any button, and the remembered number checks are dropped when the last one leaves.
 */
import { onDefaultsChange, pageDefaults } from '../page/page-defaults.js';
import { forgetNumbers } from '../phone/phone-loader.js';

export interface PageButton {
  /** The page's default country changed: the button checks its number again. */
  defaultCountryChanged(): void;
}

const connected = new Set<PageButton>();
let unsubscribeDefaults: (() => void) | undefined;
/**
 * The page's default country as the buttons last read it: the only page default that changes what a number
 * means. A host that changes another one (a token, a timeout) re-renders nothing, and ends no call.
 */
let pageCountry: string | undefined;

/** The one page-defaults listener of all the buttons. */
function onPageDefaultsChange(): void {
  const { defaultCountry } = pageDefaults();
  if (defaultCountry === pageCountry) return;
  pageCountry = defaultCountry;
  for (const button of connected) button.defaultCountryChanged();
}

export function joinPage(button: PageButton): void {
  connected.add(button);
  if (unsubscribeDefaults) return;
  pageCountry = pageDefaults().defaultCountry;
  unsubscribeDefaults = onDefaultsChange(onPageDefaultsChange);
}

/** How many buttons the page has. */
export const pageButtonCount = (): number => connected.size;

export function leavePage(button: PageButton): void {
  connected.delete(button);
}

/** After a button has left for good: when it was the last one, nothing page-wide is kept for buttons that are gone. */
export function forgetPageIfEmpty(): void {
  if (connected.size) return;
  unsubscribeDefaults?.();
  unsubscribeDefaults = undefined;
  forgetNumbers();
}
