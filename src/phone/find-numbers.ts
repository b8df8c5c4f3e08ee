/**
 * Phone numbers written in running text (a table cell, a paragraph): where they are and their E.164.
 *
 * Pure and DOM-free; never throws. libphonenumber-js finds the valid numbers; the rules here drop what a page
 * writes with digits that is not a number to call: a bare run of digits with no separator, `+` or phone word before
 * it, labelled order and invoice numbers, digits glued to letters. Only the text around runs of at least six
 * digits is given to libphonenumber-js, in windows of bounded length with a bounded number of tries each, so text
 * without such a run costs one regular expression and a long text costs in proportion to its length.
 */
import { PhoneNumberMatcher, parseDigits, type CountryCode, type MetadataJson, type PhoneNumber } from 'libphonenumber-js/core';

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
 * characters between them: every number the matcher could find lies in one. At most 41 digits a run, so that a
 * window stays small; a number cut at that limit is still found whole from the window of the run it starts in.
 */
const DIGIT_RUN = new RegExp(String.raw`[+＋]?\p{Nd}(?:${SEPARATOR}{0,4}\p{Nd}){5,40}`, 'gu');
/** Characters of context on each side of a run: room for a label or phone word before it, an extension after it. */
const CONTEXT = 40;
/** A number may start this far before its run: `(213) 373-4253` starts at the bracket. */
const LEADING = 2;
/** Runs close enough share a window (one libphonenumber-js search), up to this many characters. */
const MAX_WINDOW = 1000;
/**
 * How many candidates that are not valid numbers libphonenumber-js tries in a window, per run in it: `1 2 3 4 5 6 7 8`
 * (a pagination bar, a calendar) is a candidate that it otherwise splits and tries at every space.
 */
const TRIES_PER_RUN = 8;
/** Full-width ASCII forms (`０３－３２２４`, `ＴＥＬ：`, `／`) and space separators (ideographic, narrow no-break…). */
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const SPACE = /\p{Zs}/gu;
/** What full-width forms are to ASCII: their code points are this much higher. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** The number without its extension, as written: up to the first character that is neither digit nor separator. */
const NUMBER_PART = new RegExp(String.raw`^[+＋]?(?:\p{Nd}|${SEPARATOR})*`, 'u');
const ONLY_DIGITS = /^\p{Nd}+$/u;
const INTERNATIONAL = /^\+/;
/** Without the extension, whose digits are not the number's. */
const NATIONAL_WITHOUT_OPTIONAL_PREFIX = { nationalPrefix: false, formatExtension: (number: string) => number };

/** `12/03/2024`, `03.12.24`, `2024-03-12`: a day and a month (either order) and a year, or the ISO order. */
const DATE = /^(?:[0-3]?\d[./-][0-3]?\d[./-](?:\d\d|[12]\d{3})|[12]\d{3}[./-][01]?\d[./-][0-3]?\d)$/;
/** German dates and times written with dots: a day and month without the year (`12.03.–15.03.2024`), a time range (`08.00–18.00`). */
const DOTTED_DAY_OR_TIME = /^(?:[0-3]?\d\.[01]?\d\.(?!\d)|[0-2]?\d\.[0-5]\d\s*[-–—]\s*[0-2]?\d\.[0-5]\d$)/;
/** Four groups of one to three digits separated by dots. */
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Thousands grouped by dots or commas: `1.234.567`, `1,234,567`. */
const THOUSANDS = /^\d{1,3}([.,])\d{3}(?:\1\d{3})+$/;
/** Brazil's taxpayer numbers as they are always written: a person's CPF `123.456.789-09`, a company's CNPJ `12.345.678/0001-95`. */
const TAXPAYER_NUMBER = /^(?:\d{3}\.\d{3}\.\d{3}-\d\d|\d\d\.\d{3}\.\d{3}\/\d{4}-\d\d)$/;
/** A digit standing alone between separators: three or more are a list (`Page 1 2 3 4 5 6 7 8 9 10`), not a number. */
const LONE_DIGIT = /(?<!\d)\d(?!\d)/g;
const MAX_LONE_DIGITS = 2;
/** A decimal comma after the digits (`1.234.567,89`), which libphonenumber-js reads as an extension. */
const DECIMAL_COMMA = /^,\d/;
/** A currency right before or after the number: `$`, `€ `, `R$`, `EUR`, `Rs.`, `円`, `元`. */
const CURRENCY_BEFORE = /(?:\p{Sc}|\b(?:USD|EUR|GBP|JPY|AUD|BRL|INR|Rs)\.?)\s*$/iu;
const CURRENCY_AFTER = /^\s*(?:\p{Sc}|円|元|\b(?:USD|EUR|GBP|JPY|AUD|BRL|INR)\b)/iu;

/**
 * A phone word right before a number (`Tel:`, `Phone no.`, `電話：`), a signature's letter (`T:`, `M:`) or a phone
 * symbol (`☎`, `📞`): it makes a bare run of digits a number.
 */
const PHONE_WORD =
  /(?:(?:^|[^\p{L}])(?:tel|tél|tele?phone|téléphone|telefon[eo]?|teléfono|phone|ph|mobile?|mob|cell(?:phone)?|fax|handy|mobil|portable|celular|cel|fone|whatsapp|contact|call|電話(?:番号)?|携帯(?:電話)?)\.?\s*(?:no\.?|nr\.?|num(?:ber)?\.?|nummer|numéro|número|#)?\s*[:.\-–]?|(?:^|[^\p{L}])[tmpf]\s*:|[☎📞✆℡])\s*$/iu;
/** A label that makes the digits after it an identifier, not a number to call (`Order #`, `Invoice no.`, `注文番号`). */
const IDENTIFIER_LABEL =
  /(?:^|[^\p{L}])(?:order|invoice|inv|ref|reference|ticket|case|account|acct|a\/c|pnr|id|po|sku|part|serial|s\/n|tracking|consignment|awb|shipment|customer|client|contract|policy|ssn|ein|vat|iban|isbn|issn|siren|siret|tva|nir|artikel|art\.-nr|bestellung|bestellnummer|rechnung|rechnungsnummer|kundennummer|auftrag|sendungsnummer|steuer-id|commande|facture|pedido|fatura|nota fiscal|cpf|cnpj|rg|cep|aadhaar|pan|tfn|abn|medicare|注文番号|請求書番号|受注番号|会員番号|マイナンバー)\.?\s*(?:no\.?|nr\.?|num(?:ber)?\.?|nummer|numéro|número|#|n[°º])?\s*[:.\-–#]?\s*$|[#№〒]\s*$/iu;
/** How far back a label or phone word is looked for. */
const LABEL_REACH = 30;
/**
 * A Latin letter touching the number, directly or through a dash, slash, dot or underscore (`ABC213-373-4253`,
 * `AB-213-373-4253`, `213-373-4253abc`), or a digit directly or through a dash, dot or underscore (`213-373-4253-09`),
 * or digits and one space before it, the number then being the end of a longer sequence (a card number's last
 * groups). A slash between digits separates two numbers (`213-373-4253/213-373-4254`). Other scripts write numbers inside
 * words (`電話03-3224-5000まで`).
 */
const GLUED_BEFORE = /(?:\p{Script=Latin}[-/._]?|\d[-._\s]?)$/u;
const GLUED_AFTER = /^(?:[-/._]?\p{Script=Latin}|[-._]?\d)/u;

/**
 * The runs of six digits or more in `text`, with phone separators between them: what the matcher looks at.
 * A text with none holds no number.
 */
export function digitRuns(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(DIGIT_RUN);
}

/** Valid phone numbers in `text`, in order; never throws; bounded work for any input length. */
export function findNumbersInText(text: string, defaultCountry: CountryCode | undefined, metadata: MetadataJson): NumberInText[] {
  const found: NumberInText[] = [];
  for (const window of windowsOf(text)) {
    const plainText = plain(text.slice(window.start, window.end));
    for (const { startsAt, endsAt, number } of numbersIn(plainText, window.runs, defaultCountry, metadata)) {
      const start = window.start + startsAt;
      if (start < window.firstRun - LEADING || start >= window.lastRunEnd || start < (found.at(-1)?.end ?? 0)) continue;
      if (!isCallable(plainText, startsAt, endsAt, number)) continue;
      found.push({ start, end: window.start + endsAt, e164: number.number, ...(number.ext ? { extension: number.ext } : {}) });
    }
  }
  return found;
}

/** A stretch of the text that libphonenumber-js searches at once: runs of digits with their context. */
interface Window {
  start: number;
  end: number;
  /** Where its first run starts and its last run ends: a number found must start between them. */
  firstRun: number;
  lastRunEnd: number;
  runs: number;
}

/**
 * The windows that hold the text's runs of digits, in order: the runs close together share one, and a bare run of
 * digits without a phone word before it has none (it is not a number, and libphonenumber-js would try it).
 */
function windowsOf(text: string): Window[] {
  const windows: Window[] = [];
  for (const run of digitRuns(text)) {
    if (ONLY_DIGITS.test(run[0]) && !PHONE_WORD.test(plain(text.slice(Math.max(0, run.index - LABEL_REACH), run.index)))) continue;
    const runEnd = run.index + run[0].length;
    const end = Math.min(text.length, runEnd + CONTEXT);
    const last = windows.at(-1);
    if (last && end - last.start <= MAX_WINDOW) {
      Object.assign(last, { end, lastRunEnd: runEnd, runs: last.runs + 1 });
    } else {
      windows.push({ start: Math.max(0, run.index - CONTEXT), end, firstRun: run.index, lastRunEnd: runEnd, runs: 1 });
    }
  }
  return windows;
}

/**
 * The text with full-width forms and every kind of space as their ASCII twins, character for character (so offsets
 * stay): libphonenumber-js reads full-width digits but splits two numbers only at an ASCII slash and knows only some
 * spaces (not the narrow no-break space French uses), and the labels are matched in ASCII.
 */
function plain(text: string): string {
  return text
    .replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(SPACE, ' ');
}

/** libphonenumber-js's valid numbers in `text`; `maxTries` is documented by its matcher, not declared by its types. */
function numbersIn(text: string, runs: number, defaultCountry: CountryCode | undefined, metadata: MetadataJson) {
  const found = [];
  try {
    const options = { defaultCountry, v2: true as const, maxTries: runs * TRIES_PER_RUN };
    const matcher = new PhoneNumberMatcher(text, options, metadata);
    while (matcher.hasNext()) found.push(matcher.next()!);
  } catch {
    // a bug of the library's on some input: what was found before it stands
  }
  return found;
}

/**
 * The page's rules on top of libphonenumber-js's validity: what a reader would call, not just what could be dialled.
 * `window` is plain (see `plain`).
 */
function isCallable(window: string, start: number, end: number, number: PhoneNumber): boolean {
  const before = window.slice(Math.max(0, start - LABEL_REACH), start);
  const written = window.slice(start, end);
  const after = window.slice(end, end + LABEL_REACH);
  const digits = NUMBER_PART.exec(written)?.[0].trim() ?? '';
  if (PHONE_WORD.test(before)) return !looksLikeSomethingElse(digits, written, before, after);
  if (IDENTIFIER_LABEL.test(before) || GLUED_BEFORE.test(before) || GLUED_AFTER.test(after)) return false;
  return !ONLY_DIGITS.test(digits) && !looksLikeSomethingElse(digits, written, before, after) && !lacksNationalPrefix(digits, number);
}

/** A date, an IP address, an amount of money, a taxpayer number, a list of small numbers. */
function looksLikeSomethingElse(digits: string, written: string, before: string, after: string): boolean {
  return (
    DATE.test(digits) ||
    DOTTED_DAY_OR_TIME.test(digits) ||
    (digits.match(LONE_DIGIT)?.length ?? 0) > MAX_LONE_DIGITS ||
    IP_ADDRESS.test(digits) ||
    THOUSANDS.test(digits) ||
    TAXPAYER_NUMBER.test(digits) ||
    DECIMAL_COMMA.test(written.slice(digits.length).trim()) ||
    CURRENCY_BEFORE.test(before) ||
    CURRENCY_AFTER.test(after)
  );
}

/**
 * A number written in national form without the national prefix that its country writes (`1 42 68 53 00` in France,
 * where a reader writes `01 42 68 53 00`): libphonenumber-js's stricter leniency checks this, which its text search
 * does not offer. Where the prefix is optional (Indian mobiles, Brazilian area codes) any form passes.
 */
function lacksNationalPrefix(digits: string, number: PhoneNumber): boolean {
  if (INTERNATIONAL.test(digits)) return false;
  const national = parseDigits(number.format('NATIONAL', NATIONAL_WITHOUT_OPTIONAL_PREFIX));
  return parseDigits(digits).length < national.length;
}
