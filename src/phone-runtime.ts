/**
 * The lazily loaded half of phone handling: libphonenumber-js and its metadata.
 * The element reaches it through phone-loader.ts, so that neither is in the first download.
 */
import { normalizePhone, type PhoneResult } from './phone.js';
import { metadataFor } from './phone-metadata.js';

const UNAVAILABLE: PhoneResult = { ok: false, reason: 'unavailable' };

/** The normalized number, synchronously when the metadata it needs is already loaded. */
export function normalizeNow(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  const metadata = metadataFor(input, country);
  return metadata instanceof Promise
    ? metadata.then((loaded) => normalizePhone(input, country, loaded), () => UNAVAILABLE)
    : normalizePhone(input, country, metadata);
}
