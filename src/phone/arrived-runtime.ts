/**
 * Where the phone runtime (phone-runtime.ts) hands itself over as it is evaluated, for phone-loader.ts: from that
 * moment the element checks numbers synchronously, without waiting for its own `import()` of the runtime to resolve
 * (a task later, after a first render with the numbers unchecked). The script tag's first batch evaluates the runtime
 * before it defines the element (page/first-batch.ts), so that a record page's buttons render once, checked.
 * A module of its own: the runtime imports it, and phone-loader.ts imports the runtime.
 */
import type { PhoneResult } from './phone.js';

/** What phone-runtime.ts offers the element. */
export interface PhoneRuntime {
  /** The normalized number, synchronously when the metadata it needs is loaded. */
  normalizeNow(input: string, country: string | undefined): PhoneResult | Promise<PhoneResult>;
  /** Starts loading the metadata that the national numbers of `country` need. */
  prepare(country: string | undefined): void;
  /** Drops the remembered results. */
  forgetResults(): void;
}

let arrived: PhoneRuntime | undefined;

/** The runtime, once it has been evaluated. */
export const arrivedRuntime = (): PhoneRuntime | undefined => arrived;

/** Called by the runtime as it is evaluated. */
export function runtimeArrived(runtime: PhoneRuntime): void {
  arrived = runtime;
}
