/**
 * The lazily loaded half of phone handling: libphonenumber-js and its metadata.
 * The element reaches it through phone-loader.ts, so that neither is in the first download. As it is evaluated, it
 * hands itself over (arrived-runtime.ts) and starts loading the metadata of the page's default country and of the
 * numbers of the buttons already in the page: on a page whose first batch brought it, it is in before the element is
 * defined, and the buttons' first render shows their numbers checked.
 */
import { pageDefaultCountry } from '../page/page-defaults.js';
import { runtimeArrived } from './arrived-runtime.js';
import { normalizePhone, type PhoneResult } from './phone.js';
import { metadataFor } from './phone-metadata.js';

const UNAVAILABLE: PhoneResult = { ok: false, reason: 'unavailable' };

/**
 * Results by country and input: a page re-renders and repeats numbers, and parsing is the costly part.
 * Emptied when the page has no button left (`forgetResults`), so that removing a list gives its memory back.
 * Keyed by the input itself (the string the button already holds), not by a string made for the key.
 */
const results = new Map<string | undefined, Map<string, PhoneResult>>();
/** How many results are kept, all countries together. */
let count = 0;
const MAX_RESULTS = 5000;

export function forgetResults(): void {
  results.clear();
  count = 0;
}

/** Loads the metadata that the national numbers of `country` need, ahead of the first one. */
export function prepare(country: string | undefined): void {
  const metadata = metadataFor('', country);
  if (metadata instanceof Promise) metadata.catch(() => undefined); // tried again by the first number
}

/** The normalized number, synchronously when the metadata it needs is already loaded. */
export function normalizeNow(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  const known = results.get(country)?.get(input);
  if (known) return known;
  const metadata = metadataFor(input, country);
  if (metadata instanceof Promise) return metadata.then(() => normalizeNow(input, country), () => UNAVAILABLE);
  const result = normalizePhone(input, country, metadata);
  if (count >= MAX_RESULTS) forgetResults();
  let ofCountry = results.get(country);
  if (!ofCountry) results.set(country, (ofCountry = new Map()));
  ofCountry.set(input, result);
  count++;
  return result;
}

/**
 * Starts loading the metadata that the numbers of the buttons already in `doc` need (a long list's first 100, as the
 * first batch reads them): a number written with another country's `+` code needs that code's.
 */
function prepareButtons(doc: Document): void {
  for (const button of Array.prototype.slice.call(doc.getElementsByTagName('spaces-call-button'), 0, 100) as Element[]) {
    const metadata = metadataFor(button.getAttribute('number') ?? '', button.getAttribute('default-country') ?? pageDefaultCountry());
    if (metadata instanceof Promise) metadata.catch(() => undefined); // tried again by the button
  }
}

runtimeArrived({ normalizeNow, prepare, forgetResults });
prepare(pageDefaultCountry());
if (globalThis.document) prepareButtons(document);
