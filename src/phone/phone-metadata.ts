/**
 * Phone metadata for whatever calling codes an input needs: here, every country's
 * (libphonenumber-js's `min` set), for the tests, the dev server and the classic script.
 * The ES module build swaps this module for phone-metadata.split.ts, which loads one
 * small chunk per calling code on demand (see vite.config.ts).
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

export function metadataFor(_input: string, _country?: string): MetadataJson | Promise<MetadataJson> {
  return metadata as MetadataJson;
}
