/**
 * The page scan's tables: per country, text a CRM page shows with the numbers it holds (as written, their E.164
 * and extension), and text with digits that holds none. Every callable number here is valid per libphonenumber-js's
 * `min` metadata.
 */
import type { CountryCode } from 'libphonenumber-js/core';

/** A number found in the text: as written, its E.164, and its extension when one is written. */
export type Found = [written: string, e164: string, extension?: string];
/** What the case is, the text, and the numbers in it. */
export type CallableCase = [name: string, text: string, ...numbers: Found[]];
/** What the case is, and text that holds no number. */
export type NotANumberCase = [name: string, text: string];

export interface CountryCases {
  country: CountryCode;
  callable: CallableCase[];
  notNumbers: NotANumberCase[];
}

export const cases: CountryCases[] = [
  {
    country: 'US',
    callable: [
      ['national with brackets', 'Call (213) 373-4253 today', ['(213) 373-4253', '+12133734253']],
      ['an extension after x', 'Office: 213-373-4253 x12', ['213-373-4253 x12', '+12133734253', '12']],
      ['international with ;ext=', '+1 213 373 4253;ext=12', ['+1 213 373 4253;ext=12', '+12133734253', '12']],
      ['bare digits after a phone word', 'Tel 2133734253', ['2133734253', '+12133734253']],
    ],
    notNumbers: [
      ['bare digits', '2133734253'],
      ['a labelled order number', 'Order #213-373-4253'],
      ['digits glued to letters', 'ABC213-373-4253'],
    ],
  },
  {
    country: 'GB',
    callable: [
      ['two numbers separated by a slash', '020 7946 0958 / 020 7946 0959', ['020 7946 0958', '+442079460958'], ['020 7946 0959', '+442079460959']],
    ],
    notNumbers: [],
  },
  {
    country: 'JP',
    callable: [['inside Japanese text after 電話', '電話03-3224-5000まで', ['03-3224-5000', '+81332245000']]],
    notNumbers: [],
  },
];
