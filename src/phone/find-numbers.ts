/**
 * Phone numbers written in running text (a table cell, a paragraph): where they are and their E.164.
 *
 * Pure and DOM-free; never throws. libphonenumber-js finds the valid numbers; the rules here drop what a page
 * writes with digits that is not a number to call: a bare run of digits with no separator, `+` or phone word before
 * it, labelled order and invoice numbers, digits glued to letters. Only the text around a run of at least six
 * digits is given to libphonenumber-js, a bounded window each, so text without such a run costs one regular
 * expression and a long text costs in proportion to its length.
 */
import { findPhoneNumbersInText, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';

export interface NumberInText {
  /** Offsets in the given text: `text.slice(start, end)` is the number as written (extension included when written). */
  start: number;
  end: number;
  /** E.164 without extension, e.g. `+12133734253`. */
  e164: string;
  extension?: string;
}

/** What libphonenumber-js accepts between digits: white space (non-breaking too), dashes, slashes, dots, brackets, tildes. */
const SEPARATOR = String.raw`[\s\-‐-―−ー－/／.．()（）[\]［］~⁓∼～\u00ad\u200b\u2060]`;
/**
 * A run of six digits or more (any script's digits, full-width ones included) with separators of up to four
 * characters between them: every number the matcher could find lies in one. At most 40 digits a run, so that a
 * window stays small; a number cut at that limit is still found whole from the window of the run it starts in.
 */
export const DIGIT_RUN = new RegExp(String.raw`[+＋]?\p{Nd}(?:${SEPARATOR}{0,4}\p{Nd}){5,40}`, 'gu');
/** Characters of context on each side of a run: room for a number's opening bracket and its written extension. */
const CONTEXT = 40;
/** A number may start this far before its run: `(213) 373-4253` starts at the bracket. */
const LEADING = 2;

/** The number without its extension, as written: up to the first character that is neither digit nor separator. */
const NUMBER_PART = new RegExp(String.raw`^[+＋]?(?:\p{Nd}|${SEPARATOR})*`, 'u');
const ONLY_DIGITS = /^\p{Nd}+$/u;

/** A phone word right before a number (`Tel:`, `Phone no.`, `電話：`): it makes a bare run of digits a number. */
const PHONE_WORD =
  /(?:^|[^\p{L}])(?:tel|tél|tele?phone|téléphone|telefon[eo]?|teléfono|phone|ph|mobile?|mob|cell(?:phone)?|fax|handy|mobil|portable|celular|whatsapp|call|電話(?:番号)?|携帯(?:電話)?|ＴＥＬ|ＦＡＸ)\.?\s*(?:no\.?|nr\.?|num(?:ber)?\.?|nummer|numéro|número|#)?\s*[:：.\-–]?\s*$/iu;
/** A label that makes the digits after it an identifier, not a number to call (`Order #`, `Invoice no.`, `注文番号`). */
const IDENTIFIER_LABEL =
  /(?:^|[^\p{L}])(?:order|invoice|inv|ref|reference|ticket|case|account|acct|id|po|sku|tracking|customer|client|contract|policy|serial|bestellung|bestellnummer|rechnung|rechnungsnummer|kundennummer|auftrag|commande|facture|pedido|fatura|nota fiscal|注文番号|請求書番号|受注番号|会員番号)\.?\s*(?:no\.?|nr\.?|num(?:ber)?\.?|nummer|numéro|número|#|n[°º])?\s*[:：.\-–#]?\s*$|[#№]\s*$/iu;
/** How far back a label or phone word is looked for. */
const LABEL_REACH = 30;
/** A Latin letter or a digit touching the number: `ABC213-373-4253`, `213-373-4253abc`. Other scripts write numbers inside words (`電話03-3224-5000まで`). */
const GLUED = /[\p{Script=Latin}\p{Nd}]/u;

/** Valid phone numbers in `text`, in order; never throws; bounded work for any input length. */
export function findNumbersInText(text: string, defaultCountry: CountryCode | undefined, metadata: MetadataJson): NumberInText[] {
  const found: NumberInText[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const runStart = run.index;
    const windowStart = Math.max(0, runStart - CONTEXT);
    const window = text.slice(windowStart, runStart + run[0].length + CONTEXT);
    for (const match of numbersIn(window, defaultCountry, metadata)) {
      const start = windowStart + match.startsAt;
      const end = windowStart + match.endsAt;
      const last = found.at(-1);
      if (start < runStart - LEADING || start >= runStart + run[0].length || (last && start < last.end)) continue;
      if (!isCallable(text, start, end)) continue;
      found.push({ start, end, e164: match.number.number, ...(match.number.ext ? { extension: match.number.ext } : {}) });
    }
  }
  return found;
}

function numbersIn(window: string, defaultCountry: CountryCode | undefined, metadata: MetadataJson) {
  try {
    return findPhoneNumbersInText(window, { defaultCountry }, metadata);
  } catch {
    return [];
  }
}

/** The page's rules on top of libphonenumber-js's validity: what a reader would call, not just what could be dialled. */
function isCallable(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - LABEL_REACH), start);
  if (PHONE_WORD.test(before)) return true;
  if (IDENTIFIER_LABEL.test(before)) return false;
  if (GLUED.test(text.charAt(start - 1)) || GLUED.test(text.charAt(end))) return false;
  const number = NUMBER_PART.exec(text.slice(start, end))?.[0].trim() ?? '';
  return !ONLY_DIGITS.test(number);
}
