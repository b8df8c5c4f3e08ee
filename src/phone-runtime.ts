/**
 * The lazily loaded half of phone handling: libphonenumber-js and its metadata.
 * The element reaches it through phone-loader.ts, so that neither is in the first download.
 */
import { normalizePhone, type PhoneResult } from './phone.js';
import { metadataFor } from './phone-metadata.js';

const UNAVAILABLE: PhoneResult = { ok: false, reason: 'unavailable' };

/**
 * Results by country and input: a page re-renders and repeats numbers, and parsing is the costly part.
 * Emptied when the page has no button left (`forgetResults`), so that removing a list gives its memory back.
 */
const results = new Map<string, PhoneResult>();
const MAX_RESULTS = 5000;

export function forgetResults(): void {
  results.clear();
}

/** Loads the metadata that the national numbers of `country` need, ahead of the first one. */
export function prepare(country: string | undefined): void {
  const metadata = metadataFor('', country);
  if (metadata instanceof Promise) metadata.catch(() => undefined); // tried again by the first number
}

/** The normalized number, synchronously when the metadata it needs is already loaded. */
export function normalizeNow(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  const key = `${country ?? ''}\u0000${input}`;
  const known = results.get(key);
  if (known) return known;
  const metadata = metadataFor(input, country);
  if (metadata instanceof Promise) return metadata.then(() => normalizeNow(input, country), () => UNAVAILABLE);
  const result = normalizePhone(input, country, metadata);
  if (results.size >= MAX_RESULTS) results.clear();
  results.set(key, result);
  return result;
}
