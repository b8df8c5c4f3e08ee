import { expect } from '@open-wc/testing';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { findNumbersInText as findWith } from '../../src/phone/find-numbers.js';
import { metadataForText } from '../../src/phone/metadata-for-text.js';
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

  describe('without a default country', () => {
    it('finds international numbers only', () => {
      expect(foundIn('+44 20 7946 0958 or 020 7946 0959', undefined)).to.deep.equal([['+44 20 7946 0958', '+442079460958']]);
    });
  });

  describe('long text', () => {
    const filler = 'Lorem ipsum dolor sit amet, 12/03/2024, order #123456, 1 2 3 4 5 6 7 8. ';

    it('finds the numbers at the start, in the middle and at the end of 200,000 characters, at their offsets', () => {
      const text = `+1 213 373 4253 ${filler.repeat(1400)}(650) 253-0000 ${filler.repeat(1400)}212.736.5000`;
      const found = findNumbersInText(text, 'US');
      expect(found.map(({ e164 }) => e164)).to.deep.equal(['+12133734253', '+16502530000', '+12127365000']);
      expect(found.map(({ start, end }) => text.slice(start, end))).to.deep.equal(['+1 213 373 4253', '(650) 253-0000', '212.736.5000']);
    });

    it('finds every number of a list longer than a run of digits is read at once', () => {
      const numbers = ['020 7946 0958', '020 7946 0959', '020 7946 0960', '020 7946 0961', '020 7946 0962'];
      expect(foundIn(numbers.join(' / '), 'GB').map(([written]) => written)).to.deep.equal(numbers);
    });
  });

  describe('never throws', () => {
    const inputs: [name: string, text: string][] = [
      ['empty text', ''],
      ['a million digits', '2133734253'.repeat(100_000)],
      ['200,000 characters of spaced digits', '1 '.repeat(100_000)],
      ['plus signs and brackets', '+(('.repeat(10_000) + '2133734253' + '))'.repeat(10_000)],
      ['lone surrogates around a number', '\ud800213-373-4253\udc00'],
      ['control characters inside a number', '213\u0000373\u00074253'],
      ['an extension without end', '213-373-4253 ext ' + '1'.repeat(10_000)],
    ];
    for (const [name, text] of inputs) {
      it(`on ${name}`, () => {
        expect(() => findNumbersInText(text, 'US')).not.to.throw();
      });
    }
  });
});

describe('metadataForText', () => {
  it("covers the default country and the text's calling codes (here at once: the tests load every country)", () => {
    const text = 'Los Angeles (213) 373-4253, London +44 20 7946 0958, Tokyo +81 3-3224-5000';
    const loaded = metadataForText(text, 'US');
    expect(loaded).not.to.be.instanceOf(Promise);
    const found = findWith(text, 'US', loaded as MetadataJson);
    expect(found.map(({ e164 }) => e164)).to.deep.equal(['+12133734253', '+442079460958', '+81332245000']);
  });
});
