/**
 * The element's way to normalize numbers without putting libphonenumber-js in the first download:
 * the phone runtime is imported on first use (or when the first button is rendered, see `prepareNumbers`),
 * then answers synchronously whenever it can: from the moment it has been evaluated, whoever imported it
 * (arrived-runtime.ts).
 */
import { arrivedRuntime, type PhoneRuntime } from './arrived-runtime.js';
import type { PhoneResult } from './phone.js';

let loading: Promise<PhoneRuntime> | undefined;

function load(): Promise<PhoneRuntime> {
  return (loading ??= import('./phone-runtime.js'));
}

export function normalizeNumber(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  const runtime = arrivedRuntime();
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
export const numbersPrepared = (): boolean => loading !== undefined || arrivedRuntime() !== undefined;

/**
 * Starts loading the phone code and the metadata of `country` (the page's default country, usually), for a button
 * that is rendered with its number unchecked (off screen): the numbers of the buttons that come into view are
 * then checked without waiting for both, one after the other, from that moment.
 */
export function prepareNumbers(country: string | undefined): void {
  if (loading) return;
  const runtime = arrivedRuntime();
  if (runtime) return runtime.prepare(country);
  load().then(
    (module) => module.prepare(country),
    () => (loading = undefined),
  );
}

/** Drops the remembered results (see phone-runtime.ts): the page has no button left to show them. */
export function forgetNumbers(): void {
  arrivedRuntime()?.forgetResults();
}
