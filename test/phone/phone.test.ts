import { expect } from '@open-wc/testing';
import type { MetadataJson } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';
import { normalizePhone as normalizeWith, toCountryCode as countryCodeWith } from '../../src/phone/phone.js';

const normalizePhone = (input: string | null | undefined, country?: string) => normalizeWith(input, country, metadata as MetadataJson);
const toCountryCode = (value: string | null | undefined) => countryCodeWith(value, metadata as MetadataJson);

describe('normalizePhone', () => {
  describe('accepts the common written forms', () => {
    const cases: [input: string, country: string | undefined, e164: string][] = [
      ['+44 20 7946 0958', undefined, '+442079460958'],
      ['+44 (0)20 7946 0958', undefined, '+442079460958'],
      ['020 7946 0958', 'GB', '+442079460958'],
      ['0044 20 7946 0958', undefined, '+442079460958'],
      ['0044 20 7946 0958', 'US', '+442079460958'],
      ['011 44 20 7946 0958', 'US', '+442079460958'],
      ['(202) 555-0143', 'US', '+12025550143'],
      ['202.555.0143', 'us', '+12025550143'],
      ['+1-202-555-0143', 'DE', '+12025550143'],
      ['030 23125000', 'DE', '+493023125000'],
      ['01 99 00 12 34', 'FR', '+33199001234'],
      ['tel:+44-20-7946-0958', undefined, '+442079460958'],
      ['TEL:+1-202-555-0143;isub=99', undefined, '+12025550143'],
      ['tel:020-7946-0958;phone-context=+44', undefined, '+442079460958'],
      ['０２０ ７９４６ ０９５８', 'GB', '+442079460958'],
      ['  +44 20 7946 0958  ', undefined, '+442079460958'],
    ];
    for (const [input, country, e164] of cases) {
      it(`"${input}" with default country ${country ?? 'none'} is ${e164}`, () => {
        const result = normalizePhone(input, country);
        expect(result).to.include({ ok: true, e164 });
      });
    }
  });

  describe('extensions', () => {
    for (const input of ['+1 202 555 0143 x123', '+1 202 555 0143 ext. 123', 'tel:+1-202-555-0143;ext=123', '+1 (202) 555-0143 extension 123']) {
      it(`"${input}" dials the main number and keeps extension 123`, () => {
        expect(normalizePhone(input)).to.deep.equal({
          ok: true,
          e164: '+12025550143',
          display: '+1 202 555 0143',
          country: 'US',
          extension: '123',
        });
      });
    }
  });

  describe('display', () => {
    it('is national when the number is in the default country', () => {
      expect(normalizePhone('+44 20 7946 0958', 'GB')).to.include({ display: '020 7946 0958' });
    });
    it('is international when it is not', () => {
      expect(normalizePhone('+44 20 7946 0958', 'DE')).to.include({ display: '+44 20 7946 0958' });
    });
    it('is international without a default country', () => {
      expect(normalizePhone('+12025550143')).to.include({ display: '+1 202 555 0143', country: 'US' });
    });
  });

  describe('says why a number cannot be called', () => {
    const cases: [input: string | null | undefined, country: string | undefined, reason: string][] = [
      ['', 'GB', 'empty'],
      ['   ', 'GB', 'empty'],
      [null, 'GB', 'empty'],
      [undefined, undefined, 'empty'],
      ['020 7946 0958', undefined, 'no-country'],
      ['020 7946 0958', 'XX', 'no-country'],
      ['+999 1234567', undefined, 'unknown-country'],
      ['+44 20', undefined, 'too-short'],
      ['+44 20 7946 0958 1234 5', undefined, 'too-long'],
      ['+44 20 7946 09', undefined, 'invalid'],
      ['hello', 'GB', 'not-a-number'],
      ['call +44 20 7946 0958 now', undefined, 'not-a-number'],
      ['<img src=x onerror=alert(1)>', 'GB', 'not-a-number'],
      ['9'.repeat(100_000), 'GB', 'too-long'],
      ['+44 20 79\u000046 0958', undefined, 'control-character'],
      ['020 7946\u00070958', 'GB', 'control-character'],
      ['+44 20 7946\u00850958', undefined, 'control-character'],
      ['\u0000'.repeat(100_000), 'GB', 'empty'],
    ];
    for (const [input, country, reason] of cases) {
      it(`"${String(input).slice(0, 30)}" with default country ${country ?? 'none'} is ${reason}`, () => {
        expect(normalizePhone(input, country)).to.deep.equal({ ok: false, reason });
      });
    }
  });

  describe('control characters around a number, as in a CRM export', () => {
    const cases = ['+44 20 7946 0958\u0000', '\u0000+44 20 7946 0958', '+44 20 7946 0958\r\n', '\u007f+44 20 7946 0958\u009f'];
    for (const input of cases) {
      it(`${JSON.stringify(input)} is cleaned like libphonenumber-js's own parser does, and called`, () => {
        expect(normalizePhone(input, 'GB')).to.include({ ok: true, e164: '+442079460958' });
      });
    }
  });

  it('never assumes a country for a national number', () => {
    expect(normalizePhone('(202) 555-0143')).to.deep.equal({ ok: false, reason: 'no-country' });
  });
});

describe('toCountryCode', () => {
  it('upper-cases known regions', () => {
    expect(toCountryCode(' gb ')).to.equal('GB');
  });
  it('drops unknown ones', () => {
    expect(toCountryCode('XX')).to.equal(undefined);
    expect(toCountryCode('')).to.equal(undefined);
    expect(toCountryCode(null)).to.equal(undefined);
  });
});
