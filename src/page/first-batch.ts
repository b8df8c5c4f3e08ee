/**
 * The script tag's first batch. A page that already has buttons when the entry runs needs the element, the phone
 * code and its default country's metadata before any number is checked, and each of them imports the next: loaded
 * one after the other, that is a round trip each (entry, element, phone code, runtime chunk, metadata). Here they
 * all start at once, as soon as the entry runs, and the element is defined once the phone code is in. A number
 * written with another country's `+` code needs that code's metadata too: it is in the batch on a page that names no
 * country, and follows the country's file otherwise (which tells whether the code is the country's own). The build
 * names the files (vite.config.ts, `firstBatch`); the phone code and the metadata are left out for a page with
 * nothing to check yet, which loads them when first needed.
 *
 * Self-contained on purpose: whatever this imported would be a file to fetch before the entry could run.
 */

/** The files of the split build that a page may need first, relative to the entry. */
export interface FirstBatchFiles {
  /** The module that defines the element, then every file it imports. */
  define: string[];
  /** The phone code, then every file it imports. */
  phone: string[];
  /** The page scan (page/number-scan.ts), then every file it imports. */
  scan: string[];
  /** The tel: link upgrade (page/tel-links.ts), then every file it imports. */
  telLinks: string[];
  /** Each translation's file, by language (`de`). */
  languages: Record<string, string>;
}

/** What the page's buttons will need: the metadata of their countries and of their `+` numbers' calling codes, their languages; the page scan and the tel: link upgrade, if it opts in. */
export interface PageNeeds {
  countries: string[];
  callingCodes: string[];
  languages: string[];
  scan: boolean;
  telLinks: boolean;
}

const TAG = 'spaces-call-button';
/** Buttons read for their countries and languages: a long list's first screen, not all of it. */
const MAX_READ = 100;

/**
 * Starts loading, relative to `base` (the entry's URL), every file this page needs first, in parallel; resolves with
 * the module that defines the element. That module is fetched at once (`<link rel="modulepreload">`) but run only
 * once the phone code and the metadata of the page's countries and `+` numbers are in (or have failed): the phone code
 * then checks the buttons' numbers before their first render, which shows them checked rather than rendering twice.
 */
export function startFirstBatch<T>(base: string, files: FirstBatchFiles, internationalNumber: RegExp): Promise<T> {
  const url = (file: string) => new URL(file, base).href;
  const load = (file: string) => import(url(file)) as Promise<T>;
  const [define, ...imported] = files.define;
  const needs = customElements.get(TAG) ? undefined : pageNeeds(document, internationalNumber);
  const metadata = (name: string) => load(`phone-metadata/${name}.js`).catch(() => undefined) as Promise<CountryFile | undefined>;
  // The page's countries first, then the calling codes that none of them has (a country's file tells its codes).
  const checking = needs
    ? [
        ...files.phone.map(load),
        Promise.all(needs.countries.map(metadata)).then((countries) =>
          Promise.all(needs.callingCodes.filter((code) => !countries.some((file) => file?.default.country_calling_codes[code])).map(metadata)),
        ),
      ]
    : [];
  const alongside = needs
    ? [
        ...needs.languages.flatMap((language) => files.languages[language] ?? []),
        ...(needs.scan ? files.scan : []),
        ...(needs.telLinks ? files.telLinks : []),
      ]
    : [];
  document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: url(define) }));
  // Each is imported again where it is used, and fails there visibly: here a failure only means no head start.
  for (const file of [...imported, ...alongside]) load(file).catch(() => undefined);
  return Promise.allSettled(checking).then(() => load(define));
}

/** What a country's metadata file holds that the batch reads: its calling codes. */
type CountryFile = { default: { country_calling_codes: Record<string, unknown> } };

/**
 * What the buttons already in `doc` need (or, on a page that upgrades its `tel:` links, the links; on a page that
 * opts in to the scan, its regions: `[data-spaces-scan]` with its country, or the meta tag for the `<body>`): undefined when
 * there is nothing to check yet. Countries as the buttons will read them: a button's `default-country`, else the
 * page's meta tag, else the region of the document's language; languages from the nearest `lang`.
 */
export function pageNeeds(doc: Document, internationalNumber: RegExp): PageNeeds | undefined {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="spaces-call-button:${name}"]`)?.content;
  const regions = [...doc.querySelectorAll('[data-spaces-scan]')];
  const scan = regions.length > 0 || meta('scan')?.trim() === 'true';
  // Not the whole list; and the buttons that the scan will insert take their region's country and language.
  const buttons: Element[] = [...Array.prototype.slice.call(doc.getElementsByTagName(TAG), 0, MAX_READ), ...regions];
  const telLinks = meta('upgrade-tel-links')?.trim() === 'true' && doc.querySelector('a[href^="tel:" i]') !== null;
  if (!buttons.length && !scan && !telLinks) return undefined;
  const countries = new Set([meta('default-country') || regionOf(doc.documentElement.lang)]);
  const languages = new Set<string>();
  const callingCodes = new Set<string>();
  for (const button of buttons) {
    countries.add(button.getAttribute('default-country') ?? button.getAttribute('data-spaces-scan') ?? undefined);
    const international = internationalNumber.exec(button.getAttribute('number') ?? '');
    if (international) callingCodes.add(international[1]);
    languages.add(button.closest('[lang]')?.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0] ?? '');
  }
  const codes = [...countries].flatMap((country) => country?.trim().toUpperCase().match(/^[A-Z]{2}$/) ?? []);
  return { countries: [...new Set(codes)], callingCodes: [...callingCodes], languages: [...languages].filter(Boolean), scan, telLinks };
}

/**
 * What reads the calling code of a number written with `+` (`internationalNumber` of `pageNeeds`), made at build time
 * from libphonenumber-js's calling codes: the one-digit codes, then the two-digit ones, then any three digits
 * (`[17]|2[07]|3[0123469]|…|[2-9]\d\d`), 90 characters rather than the 215 codes. Calling codes are prefix-free, so
 * the first that matches is the number's. Three digits that are no code make an invalid number, whose file is not
 * found; digits written apart (`+4 4`) are left to the phone code, which loads their metadata when it checks it.
 */
export function internationalNumber(codes: string[]): RegExp {
  const ofLength = (length: number) => codes.filter((code) => code.length === length);
  const twoDigit = [...new Set(ofLength(2).map((code) => code[0]))].map((first) => `${first}[${ofLength(2).filter((code) => code[0] === first).map((code) => code[1]).join('')}]`);
  return new RegExp(`^\\s*(?:tel:)?\\+(${[`[${ofLength(1).join('')}]`, ...twoDigit, '[2-9]\\d\\d'].join('|')})`, 'i');
}

/** The region of a language tag (`en-GB` → `GB`), if it names one: as page-defaults.ts reads it (the tests compare them). */
function regionOf(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang).region;
  } catch {
    return undefined; // no language, or not a tag
  }
}
