import { expect } from '@open-wc/testing';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { findNumbersInText as findWith } from '../../src/phone/find-numbers.js';
import { cases, type Found } from './find-numbers-cases.js';

const findNumbersInText = (text: string, country: CountryCode | undefined) => findWith(text, country, metadata as MetadataJson);

/** What was found, in the tables' form: the text as written, the E.164, the extension if any. */
function foundIn(text: string, country: CountryCode | undefined): Found[] {
  return findNumbersInText(text, country).map(({ start, end, e164, extension }) =>
    extension === undefined ? [text.slice(start, end), e164] : [text.slice(start, end), e164, extension],
  );
}

describe('findNumbersInText', () => {
  for (const { country, callable, notNumbers } of cases) {
    describe(`with default country ${country}`, () => {
      describe('finds the numbers', () => {
        for (const [name, text, ...numbers] of callable) {
          it(`${name}: "${text}"`, () => {
            expect(foundIn(text, country)).to.deep.equal(numbers);
          });
        }
      });
      describe('finds nothing in', () => {
        for (const [name, text] of notNumbers) {
          it(`${name}: "${text}"`, () => {
            expect(foundIn(text, country)).to.deep.equal([]);
          });
        }
      });
    });
  }
});
