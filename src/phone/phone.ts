/**
 * Phone number normalization: any common written form in, E.164 out.
 *
 * Pure and DOM-free. Never throws: every input yields a typed result, and an
 * invalid one carries the reason the button shows to the user.
 */
import {
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  ParseError,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';

export type InvalidPhoneReason =
  | 'empty'
  | 'not-a-number'
  /** A control character (NUL, BEL, a C1 code…) inside the number, where a parser could only guess. */
  | 'control-character'
  | 'no-country'
  | 'unknown-country'
  | 'too-short'
  | 'too-long'
  | 'invalid'
  /** The phone number data could not be loaded (network). */
  | 'unavailable';

export interface ValidPhone {
  ok: true;
  /** The number to dial, without extension: `+442079460958`. */
  e164: string;
  /** What the user reads: national format in the default country, international elsewhere. */
  display: string;
  /** ISO 3166-1 alpha-2 region of the number, when the metadata names one. */
  country?: string;
  /** Digits after `x`, `ext.` or `;ext=`; shown and reported, never dialled. */
  extension?: string;
}

export interface InvalidPhone {
  ok: false;
  reason: InvalidPhoneReason;
}

export type PhoneResult = ValidPhone | InvalidPhone;

/** libphonenumber-js refuses longer input itself; stopping here keeps hostile 100 KB strings cheap. */
const MAX_INPUT_LENGTH = 250;
/** `+` and 15 digits. */
const MAX_E164_LENGTH = 16;

/** C0 controls, DEL and C1 controls (`\p{Cc}`) other than white space (tab, line breaks), which the parser reads as spaces. */
const CONTROL = /(?!\s)\p{Cc}/u;
const TRIMMED = /[\s\p{Cc}]/u;

/** The extension is shown beside the number, so formatted numbers leave it out. */
const WITHOUT_EXTENSION = { formatExtension: (number: string) => number };

const PARSE_ERROR_REASONS: Record<string, InvalidPhoneReason> = {
  INVALID_COUNTRY: 'no-country',
  NOT_A_NUMBER: 'not-a-number',
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
};

const LENGTH_REASONS: Record<string, InvalidPhoneReason> = {
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
};

/** An ISO 3166-1 alpha-2 code that the phone metadata knows, upper-cased; otherwise undefined. */
export function toCountryCode(value: string | null | undefined, metadata: MetadataJson): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && code in metadata.countries ? (code as CountryCode) : undefined;
}

/**
 * Normalizes `input` to E.164. `defaultCountry` is used only for national-format
 * numbers; without one such a number is invalid (`no-country`), never guessed.
 * `metadata` must cover the number's calling code and the default country's (see phone-metadata.ts).
 */
export function normalizePhone(
  input: string | null | undefined,
  defaultCountry: string | null | undefined,
  metadata: MetadataJson,
): PhoneResult {
  const text = typeof input === 'string' ? trimControls(input) : '';
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, reason: 'too-long' };
  if (CONTROL.test(text)) return { ok: false, reason: 'control-character' };
  const country = toCountryCode(defaultCountry, metadata);

  let parsed = parse(fromTelUri(text), country, metadata);
  // `00` is the international prefix in most of the world; accept it even where the default country dials another one.
  if (/^00[1-9]/.test(text) && (typeof parsed === 'string' || !parsed.isValid())) {
    parsed = parse(`+${text.slice(2)}`, undefined, metadata);
  }
  if (typeof parsed === 'string') {
    return { ok: false, reason: parsed === 'no-country' && /^(\+|00)/.test(text) ? 'unknown-country' : parsed };
  }
  if (!parsed.isValid()) return { ok: false, reason: lengthReason(parsed, metadata) };
  // E.164 allows 15 digits; libphonenumber-js calls some longer numbers valid, and the API refuses them.
  if (parsed.number.length > MAX_E164_LENGTH) return { ok: false, reason: 'too-long' };

  const sameCountry = country !== undefined && parsed.country === country;
  return {
    ok: true,
    e164: parsed.number,
    display: parsed.format(sameCountry ? 'NATIONAL' : 'INTERNATIONAL', WITHOUT_EXTENSION),
    ...(parsed.country ? { country: parsed.country } : {}),
    ...(parsed.ext ? { extension: parsed.ext } : {}),
  };
}

/**
 * RFC 3966 `tel:` URIs: only the number, its `ext` parameter and a global `phone-context` (`+44`,
 * written before a local number) matter; `isub` and unknown parameters are dropped. The context is
 * applied here because libphonenumber-js 1.13.16 reads it with stateful (`/g`) regular expressions
 * that accept the same URI only every other time.
 */
export function fromTelUri(text: string): string {
  if (!/^tel:/i.test(text)) return text;
  const [number, ...params] = text.slice(4).split(';');
  const context = params.find((param) => /^phone-context=\+/i.test(param))?.slice('phone-context='.length);
  const extension = params.find((param) => /^ext=/i.test(param));
  const full = context && !number.startsWith('+') ? `${context} ${number}` : number;
  return extension ? `${full};${extension}` : full;
}

/**
 * Trims white space and control characters at both ends, as libphonenumber-js's own parser ignores
 * what surrounds a number (a CRM export's trailing NUL or CR). Controls inside the number are refused
 * by the caller. A loop rather than a regular expression: trailing-class patterns backtrack
 * quadratically on 100 KB inputs.
 */
function trimControls(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && TRIMMED.test(input[start])) start++;
  while (end > start && TRIMMED.test(input[end - 1])) end--;
  return input.slice(start, end);
}

function parse(text: string, country: CountryCode | undefined, metadata: MetadataJson): PhoneNumber | InvalidPhoneReason {
  try {
    return parsePhoneNumberWithError(text, { defaultCountry: country, extract: false }, metadata);
  } catch (error) {
    return error instanceof ParseError ? (PARSE_ERROR_REASONS[error.message] ?? 'not-a-number') : 'not-a-number';
  }
}

function lengthReason(phone: PhoneNumber, metadata: MetadataJson): InvalidPhoneReason {
  const verdict = validatePhoneNumberLength(phone.number, metadata);
  return (verdict && LENGTH_REASONS[verdict]) || 'invalid';
}
