/**
 * The element's way to normalize numbers without putting libphonenumber-js in the first download:
 * the phone runtime is imported on first use, then answers synchronously whenever it can.
 */
import type { PhoneResult } from './phone.js';

type PhoneRuntime = typeof import('./phone-runtime.js');

let runtime: PhoneRuntime | undefined;
let loading: Promise<PhoneRuntime> | undefined;

export function normalizeNumber(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult> {
  if (runtime) return runtime.normalizeNow(input, country);
  loading ??= import('./phone-runtime.js').then((module) => (runtime = module));
  return loading.then(
    (module) => module.normalizeNow(input, country),
    (): PhoneResult => {
      loading = undefined; // the next number tries again
      return { ok: false, reason: 'unavailable' };
    },
  );
}

/** Drops the remembered results (see phone-runtime.ts): the page has no button left to show them. */
export function forgetNumbers(): void {
  runtime?.forgetResults();
}
