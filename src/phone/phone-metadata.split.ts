/**
 * The ES module build's phone metadata: one chunk per country calling code (`phone-metadata/44.js` beside the
 * bundle, generated from libphonenumber-js's `min` metadata at build time), loaded the first time a number needs it.
 * The default country's code is loaded under the country's name (`GB.js`, the same content as `44.js`): the file
 * that the page's first batch may have started already (page/first-batch.ts), which knows the country, not its code.
 * Same contract as phone-metadata.ts, which it replaces in that build.
 */
import { parseIncompletePhoneNumber, type MetadataJson } from 'libphonenumber-js/core';
import { callingCodeOf, metadataVersion, nonGeographicCodes } from 'virtual:phone-calling-codes';
import { fromTelUri } from './phone.js';

type Chunk = Partial<Pick<MetadataJson, 'country_calling_codes' | 'countries' | 'nonGeographic'>>;

const merged = { version: metadataVersion, country_calling_codes: {}, countries: {}, nonGeographic: {} } as unknown as MetadataJson & {
  nonGeographic: Record<string, unknown>;
};
const loaded = new Set<string>();
const loading = new Map<string, Promise<void>>();
const known = new Set([...Object.values(callingCodeOf), ...nonGeographicCodes]);
/** Inputs longer than this are refused by phone.ts before their digits matter. */
const MAX_SCANNED = 300;

/** Synchronous once every calling code the input needs is loaded; otherwise loads them first. */
export function metadataFor(input: string, country?: string): MetadataJson | Promise<MetadataJson> {
  const home = country?.trim().toUpperCase();
  const missing = codesNeeded(input.slice(0, MAX_SCANNED), home).filter((code) => !loaded.has(code));
  if (missing.length === 0) return merged;
  // A second pass may find more: the default country's international prefix is known once its chunk is in.
  return Promise.all(missing.map((code) => load(code, home))).then(() => metadataFor(input, country));
}

/** Loads a calling code's chunk, under the default country's name when it is that country's code. */
function load(code: string, home: string | undefined): Promise<void> {
  let pending = loading.get(code);
  if (!pending) {
    const file = home && callingCodeOf[home] === code ? home : code;
    // Relative to this chunk in dist/ (import() resolves against the importing script's URL, classic
    // scripts included), and a pattern that an app's bundler follows to copy the files.
    pending = import(/* @vite-ignore */ `./phone-metadata/${file}.js`).then(
      ({ default: chunk }: { default: Chunk }) => {
        Object.assign(merged.country_calling_codes, chunk.country_calling_codes);
        Object.assign(merged.countries, chunk.countries);
        Object.assign(merged.nonGeographic, chunk.nonGeographic);
        loaded.add(code);
      },
      (error: unknown) => {
        loading.delete(code); // let a later attempt try again
        throw error;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

/** The calling codes that parsing `input` may touch: the default country's, and any written after `+`, `00` or its international prefix. */
function codesNeeded(input: string, country: string | undefined): string[] {
  const home = country ? callingCodeOf[country] : undefined;
  const codes = new Set<string>(home ? [home] : []);
  const digits = parseIncompletePhoneNumber(fromTelUri(input.trim()).split(';')[0]);
  const candidates = [
    digits.startsWith('+') ? digits.slice(1) : undefined,
    digits.startsWith('00') ? digits.slice(2) : undefined,
    country ? afterInternationalPrefix(digits, country) : undefined,
  ];
  for (const rest of candidates) {
    const code = rest && [1, 2, 3].map((length) => rest.slice(0, length)).find((prefix) => known.has(prefix));
    if (code) codes.add(code);
  }
  return [...codes];
}

function afterInternationalPrefix(digits: string, country: string): string | undefined {
  const pattern = (merged.countries[country as keyof MetadataJson['countries']] as unknown[] | undefined)?.[1];
  if (typeof pattern !== 'string') return undefined;
  const match = new RegExp(`^(?:${pattern})`).exec(digits);
  return match ? digits.slice(match[0].length) : undefined;
}
