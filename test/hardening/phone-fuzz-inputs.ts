/**
 * Generated phone inputs for the fuzz tests: random Unicode, huge strings, control characters,
 * bidi marks, other digit scripts, letters, markup, every country calling code, `tel:` URIs,
 * `00` prefixes and extensions — all from one seeded generator, so a run can be repeated.
 */
import type { MetadataJson } from 'libphonenumber-js/core';
import type { Random } from '../support/seeded-random.js';

export interface FuzzInput {
  /** Which generator made it, for the report and for a failure message. */
  kind: string;
  input: string;
  country: string | undefined;
}

/** Numbers in many written forms (most valid), the starting point of the mutations. */
export const SEED_NUMBERS: [number: string, country: string | undefined][] = [
  ['+44 20 7946 0958', undefined],
  ['020 7946 0958', 'GB'],
  ['+44 (0)20 7946 0958', 'GB'],
  ['+1 202 555 0143', undefined],
  ['(202) 555-0143', 'US'],
  ['202.555.0143', 'US'],
  ['+1-800-356-9377', 'CA'],
  ['030 23125000', 'DE'],
  ['+49 30 23125000', 'FR'],
  ['01 99 00 12 34', 'FR'],
  ['+33 1 99 00 12 34', undefined],
  ['+81 3-1234-5678', 'JP'],
  ['03-1234-5678', 'JP'],
  ['+91 98765 43210', 'IN'],
  ['+61 2 9374 4000', 'AU'],
  ['(02) 9374 4000', 'AU'],
  ['+55 11 91234-5678', 'BR'],
  ['+971 4 123 4567', 'AE'],
  ['+86 10 1234 5678', 'CN'],
  ['+7 495 123-45-67', 'RU'],
  ['+34 912 34 56 78', 'ES'],
  ['+39 06 1234 5678', 'IT'],
  ['06 1234 5678', 'IT'],
  ['+27 21 123 4567', 'ZA'],
  ['+52 55 1234 5678', 'MX'],
  ['+800 1234 5678', undefined],
  ['+20 2 12345678', 'EG'],
  ['+966 11 123 4567', 'SA'],
  ['+972 2-123-4567', 'IL'],
  ['+353 1 234 5678', 'IE'],
];

const EXTENSIONS = [' x123', ' ext. 45', ' ext 7', ' extension 9', ';ext=12', ' #88', ' x', ' ext. ', ' x1234567890123'];
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E'];
const SPACES = ['\u00A0', '\u2000', '\u2002', '\u2007', '\u2009', '\u202F', '\u205F', '\u3000', '\t', '\n', '\r', '\u2028', '\u2029', '\v', '\f'];
/** Zero of a decimal digit block: full-width, Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, Mongolian, Mathematical bold. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1810, 0x1d7ce];
const MARKUP = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  "javascript:window.__pwned=1",
  '<a href="tel:+442079460958">call</a>',
  '${window.__pwned=1}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<style>*{display:none}</style>',
  '&lt;b&gt;&#43;44',
  '<!--',
  ']]>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
];
const VANITY = ['1-800-FLOWERS', '+1 (800) GOT-JUNK', '1 800 CALL ATT', '+44 800 NOW CALL', '0800-MY-PHONE', 'FLOWERS', 'tel:+1-800-FLOWERS'];
const PROTOTYPE_WORDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

export function fuzzInputs(random: Random, metadata: MetadataJson, count: number): FuzzInput[] {
  const countries = Object.keys(metadata.countries);
  const callingCodes = [
    ...Object.keys(metadata.country_calling_codes),
    ...Object.keys((metadata as { nonGeographic?: Record<string, unknown> }).nonGeographic ?? {}),
  ];
  const { int, pick, chance } = random;

  const digits = (min: number, max: number) => Array.from({ length: int(min, max) }, () => String(int(0, 9))).join('');
  const codePoint = (): string => {
    const range = int(0, 9);
    if (range === 0) return String.fromCharCode(int(0, 0x1f)); // C0 controls
    if (range === 1) return String.fromCharCode(int(0x7f, 0x9f)); // DEL, C1 controls
    if (range === 2) return String.fromCharCode(int(0x20, 0x7e)); // ASCII
    if (range === 3) return String.fromCharCode(int(0xd800, 0xdfff)); // a lone surrogate
    if (range === 4) return String.fromCodePoint(int(0x10000, 0x10ffff)); // astral
    if (range === 5) return String.fromCodePoint(pick(DIGIT_ZEROS) + int(0, 9));
    if (range === 6) return pick([...BIDI, ...INVISIBLE, ...SPACES]);
    if (range === 7) return pick(['+', '(', ')', '-', '.', '/', ' ', '#', '*', ';', '=', 'x', 'X', ':']);
    return String.fromCharCode(int(0xa0, 0xfffd));
  };
  const unicode = (min: number, max: number) => Array.from({ length: int(min, max) }, codePoint).join('');
  const insertAt = (text: string, piece: string) => {
    const at = int(0, text.length);
    return text.slice(0, at) + piece + text.slice(at);
  };
  const seedNumber = () => pick(SEED_NUMBERS);
  const someCountry = (suggested: string | undefined): string | undefined => {
    const roll = int(0, 19);
    if (roll < 12) return suggested;
    if (roll < 15) return pick(countries);
    if (roll === 15) return undefined;
    if (roll === 16) return (suggested ?? pick(countries)).toLowerCase();
    if (roll === 17) return pick(['XX', 'ZZ', '', '  ', 'G B', 'GBR', '001', '\u0000', pick(PROTOTYPE_WORDS)]);
    if (roll === 18) return ` ${suggested ?? ''} `;
    return unicode(0, 3);
  };
  const mutate = (text: string) => {
    let out = text;
    for (let i = int(1, 4); i > 0; i--) {
      const op = int(0, 4);
      const at = int(0, Math.max(0, out.length - 1));
      if (op === 0) out = insertAt(out, codePoint());
      else if (op === 1) out = out.slice(0, at) + out.slice(at + 1);
      else if (op === 2) out = out.slice(0, at) + codePoint() + out.slice(at + 1);
      else if (op === 3) out = out.slice(0, at) + out.slice(at, at + int(1, 4)).repeat(int(2, 4)) + out.slice(at + 4);
      else out = out.slice(0, at) + String(int(0, 9)) + out.slice(at + 1);
    }
    return out;
  };
  const toScript = (text: string, zero: number) => text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

  /** A seed number, changed by `change`, with a country near the number's own. */
  const fromSeed = (change: (number: string) => string, country?: string) => (): [string, string | undefined] => {
    const [number, own] = seedNumber();
    return [change(number), someCountry(own ?? country)];
  };
  const insertSome = (text: string, piece: () => string) => {
    let out = text;
    for (let i = int(1, 3); i > 0; i--) out = insertAt(out, piece());
    return out;
  };
  const TEL_PREFIXES = ['tel:', 'TEL:', 'tel:+', 'tel://', 'Tel:'];
  const TEL_PARAMS = [';ext=123', ';isub=9', ';phone-context=+44', ';phone-context=example.com', ';foo=bar', ';ext=', ';;', ';EXT=5'];
  const telParam = () => pick([...TEL_PARAMS, `;phone-context=${unicode(0, 5)}`]);
  const PUNCTUATION = ['+', '(', ')', '-', '.', '/', ' ', '#', '*', ';', '=', 'x', ':', '0', '00'];

  const generators: [kind: string, weight: number, make: () => [string, string | undefined]][] = [
    ['unicode', 12, () => [unicode(0, 40), someCountry(pick(countries))]],
    ['mutated', 16, fromSeed(mutate)],
    ['seed-number', 4, fromSeed((n) => n)],
    ['controls', 6, fromSeed((n) => insertSome(n, () => String.fromCharCode(pick([int(0, 0x1f), int(0x7f, 0x9f)]))))],
    ['bidi', 6, fromSeed((n) => (chance(0.3) ? `${pick(BIDI)}${n}` : insertSome(n, () => pick(BIDI))))],
    ['invisible', 4, fromSeed((n) => insertAt(n, pick(INVISIBLE)))],
    ['spaces', 4, fromSeed((n) => `${pick(SPACES).repeat(int(1, 3))}${n.replaceAll(' ', pick(SPACES))}${pick(SPACES).repeat(int(1, 3))}`)],
    ['digit-script', 8, fromSeed((n) => toScript(n, pick(DIGIT_ZEROS)))],
    ['mixed-scripts', 3, fromSeed((n) => n.replace(/\d/g, (d) => (chance(0.5) ? String.fromCodePoint(pick(DIGIT_ZEROS) + Number(d)) : d)))],
    ['letters', 5, fromSeed((n) => (chance(0.5) ? pick(VANITY) : n.replace(/\d/g, (d) => (chance(0.3) ? String.fromCharCode(65 + int(0, 25)) : d))), 'US')],
    ['markup', 5, fromSeed((n) => { const m = pick(MARKUP); return pick([m, `${m}${n}`, `${n}${m}`, insertAt(n, m)]); })],
    ['calling-code', 10, () => [`+${pick(callingCodes)} ${digits(1, 14)}`, someCountry(undefined)]],
    ['double-zero', 5, () => [`${pick(['00', '011', '0011', '00 ', '000', '0'])}${pick(callingCodes)} ${digits(4, 12)}`, someCountry(pick(countries))]],
    ['tel-uri', 6, fromSeed((n) => {
      const body = chance(0.5) ? n.replaceAll(' ', '-') : mutate(n);
      return `${pick(TEL_PREFIXES)}${body}${chance(0.6) ? telParam() : ''}${chance(0.3) ? telParam() : ''}`;
    })],
    ['extension', 5, fromSeed((n) => `${n}${pick(EXTENSIONS)}${chance(0.2) ? pick(EXTENSIONS) : ''}`)],
    ['long', 3, fromSeed((n) => {
      const pad = pick(['0', ' ', '9', '-', '+', 'x']).repeat(int(100, 400));
      return pick([pad + n, n + pad, `${n}${pick(EXTENSIONS)}${digits(200, 300)}`]);
    })],
    ['punctuation', 3, () => [Array.from({ length: int(1, 30) }, () => pick(PUNCTUATION)).join(''), someCountry(pick(countries))]],
  ];
  const total = generators.reduce((sum, [, weight]) => sum + weight, 0);

  const inputs: FuzzInput[] = [];
  // Every calling code at least once, with a plausible and an implausible number of digits.
  for (const code of callingCodes) inputs.push({ kind: 'every-calling-code', input: `+${code} ${digits(6, 11)}`, country: undefined });
  // A few 100 KB strings.
  const hundredK = 100 * 1024;
  for (const [kind, input] of [
    ['100kb-digits', '9'.repeat(hundredK)],
    ['100kb-plus-digits', `+${'4'.repeat(hundredK - 1)}`],
    ['100kb-unicode', unicode(hundredK, hundredK).slice(0, hundredK)],
    ['100kb-markup', '<img src=x onerror="window.__pwned=1">'.repeat(hundredK / 40)],
    ['100kb-spaces-then-number', `${' '.repeat(hundredK)}+44 20 7946 0958${'\u3000'.repeat(hundredK)}`],
    ['100kb-tel', `tel:+44-20-7946-0958;phone-context=${'a'.repeat(hundredK)}`],
  ] as const) {
    inputs.push({ kind, input, country: 'GB' });
  }
  while (inputs.length < count) {
    let roll = random.next() * total;
    const [kind, , make] = generators.find(([, weight]) => (roll -= weight) < 0) ?? generators[0];
    const [input, country] = make();
    inputs.push({ kind, input, country });
  }
  return inputs.slice(0, count);
}
