/**
 * The phone metadata that finding the numbers of a text needs: the default country's, and that of every calling
 * code written in it (`+44 …`, `0044 …`, or after the country's own international prefix). Each run of digits is
 * given to the loader as a button gives it its number, so the loader alone decides which chunks a text needs.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import { digitRuns } from './find-numbers.js';
import { metadataFor } from './phone-metadata.js';

/** Where a run of digits may hold a second number: before a `+`, at a slash (`+44 20 7946 0958 / +33 1 …`). */
const NUMBER_STARTS = /(?=[+＋])|[/／]/;

/** Synchronous once every calling code the text needs is loaded; otherwise loads them first. */
export function metadataForText(text: string, country: string | undefined): MetadataJson | Promise<MetadataJson> {
  const pending: Promise<MetadataJson>[] = [];
  for (const [run] of digitRuns(text)) {
    for (const number of run.split(NUMBER_STARTS)) {
      const metadata = metadataFor(number, country);
      if (metadata instanceof Promise) pending.push(metadata);
    }
  }
  const home = metadataFor('', country);
  if (home instanceof Promise) pending.push(home);
  return pending.length === 0 ? home : Promise.all(pending).then(() => metadataForText(text, country));
}
