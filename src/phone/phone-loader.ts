/**
 * The element's way to normalize numbers without putting libphonenumber-js in the first download:
 * the phone runtime is imported on first use (or when the first button is rendered, see `prepareNumbers`),
 * then answers synchronously whenever it can.
 */
import type { PhoneResult } from './phone.js';

type PhoneRuntime = typeof import('./phone-runtime.js');

let runtime: PhoneRuntime | undefined;
let loading: Promise<PhoneRuntime> | undefined;

function load(): Promise<PhoneRuntime> {
  return (loading ??= import('./phone-runtime.js').then((module) => (runtime = module)));
}

export function normalizeNumber(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  if (runtime) return runtime.normalizeNow(input, country);
  return load().then(
    (module) => module.normalizeNow(input, country),
    (): PhoneResult => {
      loading = undefined; // the next number tries again
      return { ok: false, reason: 'unavailable' };
    },
  );
}

/** Whether the phone code is loaded or on its way. */
export const numbersPrepared = (): boolean => loading !== undefined;

/**
 * Starts loading the phone code and the metadata of `country` (the page's default country, usually), for a button
 * that is rendered with its number unchecked (off screen): the numbers of the buttons that come into view are
 * then checked without waiting for both, one after the other, from that moment.
 */
export function prepareNumbers(country: string | undefined): void {
  if (loading) return;
  load().then(
    (module) => module.prepare(country),
    () => (loading = undefined),
  );
}

/** Drops the remembered results (see phone-runtime.ts): the page has no button left to show them. */
export function forgetNumbers(): void {
  runtime?.forgetResults();
}
