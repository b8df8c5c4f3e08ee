/**
 * The script tag's first batch. A page that already has buttons when the entry runs needs the element, the phone
 * code and its default country's metadata before any number is checked, and each of them imports the next: loaded
 * one after the other, that is a round trip each (entry, element, phone code, runtime chunk, metadata). Here they
 * all start at once, as soon as the entry runs, and the element is defined once the phone code is in. The build
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

/** What the page's buttons will need: their countries' metadata, their languages; the page scan and the tel: link upgrade, if it opts in. */
export interface PageNeeds {
  countries: string[];
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
 * once the phone code and the metadata of the page's countries are in (or have failed): the phone code then checks
 * the buttons' numbers before their first render, which shows them checked rather than rendering twice.
 */
export function startFirstBatch<T>(base: string, files: FirstBatchFiles): Promise<T> {
  const url = (file: string) => new URL(file, base).href;
  const load = (file: string) => import(url(file)) as Promise<T>;
  const [define, ...imported] = files.define;
  const needs = customElements.get(TAG) ? undefined : pageNeeds(document);
  const checking = needs ? [...files.phone, ...needs.countries.map((country) => `phone-metadata/${country}.js`)] : [];
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
  return Promise.allSettled(checking.map(load)).then(() => load(define));
}

/**
 * What the buttons already in `doc` need (or, on a page that upgrades its `tel:` links, the links; on a page that
 * opts in to the scan, its regions: `[data-spaces-scan]` with its country, or the meta tag for the `<body>`): undefined when
 * there is nothing to check yet. Countries as the buttons will read them: a button's `default-country`, else the
 * page's meta tag, else the region of the document's language; languages from the nearest `lang`.
 */
export function pageNeeds(doc: Document): PageNeeds | undefined {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="spaces-call-button:${name}"]`)?.content;
  const regions = [...doc.querySelectorAll('[data-spaces-scan]')];
  const scan = regions.length > 0 || meta('scan')?.trim() === 'true';
  // Not the whole list; and the buttons that the scan will insert take their region's country and language.
  const buttons: Element[] = [...Array.prototype.slice.call(doc.getElementsByTagName(TAG), 0, MAX_READ), ...regions];
  const telLinks = meta('upgrade-tel-links')?.trim() === 'true' && doc.querySelector('a[href^="tel:" i]') !== null;
  if (!buttons.length && !scan && !telLinks) return undefined;
  const countries = new Set([meta('default-country') || regionOf(doc.documentElement.lang)]);
  const languages = new Set<string>();
  for (const button of buttons) {
    countries.add(button.getAttribute('default-country') ?? button.getAttribute('data-spaces-scan') ?? undefined);
    languages.add(button.closest('[lang]')?.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0] ?? '');
  }
  const codes = [...countries].flatMap((country) => country?.trim().toUpperCase().match(/^[A-Z]{2}$/) ?? []);
  return { countries: [...new Set(codes)], languages: [...languages].filter(Boolean), scan, telLinks };
}

/** The region of a language tag (`en-GB` → `GB`), if it names one: as page-defaults.ts reads it (the tests compare them). */
function regionOf(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang).region;
  } catch {
    return undefined; // no language, or not a tag
  }
}
