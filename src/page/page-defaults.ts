/**
 * Page-level defaults, so that a list of hundreds of buttons names the token
 * and the country once. A button's own attribute or property wins.
 *
 * From HTML, one `<meta>` per attribute, in the page before the buttons:
 *   <meta name="spaces-call-button:default-country" content="GB">
 * From script (also the only way to give a token provider):
 *   configureSpacesCallButtons({ getToken, defaultCountry: 'GB' })
 */
import type { TokenProvider } from '../api/token-source.js';
import type { TokenType } from '../api/token-url.js';

export interface SpacesCallButtonDefaults {
  token?: string;
  getToken?: TokenProvider;
  /** The host's token endpoint, the production token source: `GET` with the page's cookies, answering `{ access_token, token_type, expires_in }`. */
  tokenUrl?: string;
  /** Where a signed-out user signs in; offered as a link beside the `signed-out` error. */
  signInUrl?: string;
  tokenType?: TokenType;
  defaultCountry?: string;
  environment?: string;
  apiBase?: string;
  callType?: string;
  displayName?: string;
  timeout?: number;
  resetDelay?: number;
  maxConcurrentCalls?: number;
  /** Follow each call over the Spaces real-time channel. */
  live?: boolean;
  /** An explicit real-time channel URL (`wss:`, or `ws:` on this computer). */
  socketUrl?: string;
  answerTimeout?: number;
  /** Turn the page's `<a href="tel:">` links, and those added later, into call buttons while a token source is configured. */
  upgradeTelLinks?: boolean;
}

const META_PREFIX = 'spaces-call-button:';
const NUMBER_DEFAULTS = new Set<string>(['timeout', 'resetDelay', 'maxConcurrentCalls', 'answerTimeout']);
const BOOLEAN_DEFAULTS = new Set<string>(['upgradeTelLinks', 'live']);
/**
 * The defaults a `<meta>` may give, by property name; its name is the attribute's, in kebab case
 * (`spaces-call-button:token-url` → `tokenUrl`). Read as a string unless a number or a boolean above.
 */
const META_KEYS = new Set<keyof SpacesCallButtonDefaults | string>([
  ...['token', 'tokenUrl', 'signInUrl', 'tokenType', 'defaultCountry', 'environment', 'apiBase', 'callType', 'displayName', 'socketUrl'],
  ...NUMBER_DEFAULTS,
  ...BOOLEAN_DEFAULTS,
]);

interface DefaultsStore {
  script: SpacesCallButtonDefaults;
  /** The `<meta>` defaults as last read; dropped when the page's meta tags change. */
  meta?: SpacesCallButtonDefaults;
  /** Script over meta, as every button reads it; dropped whenever either changes. */
  merged?: SpacesCallButtonDefaults;
  watchingMeta?: boolean;
  listeners: Set<() => void>;
}

/**
 * Kept on the global object, so that every copy of the script on a page (loaded twice, or both
 * the module and the classic script) shares one set of defaults with the copy that defined the tag.
 */
const STORE_KEY = Symbol.for('spaces-call-button.page-defaults');
const store: DefaultsStore = ((globalThis as { [STORE_KEY]?: DefaultsStore })[STORE_KEY] ??= {
  script: {},
  listeners: new Set(),
});

/**
 * Sets defaults for every `<spaces-call-button>` of the page, merged into the ones set before.
 * `undefined` removes a script default (a `<meta>` one then applies again); `''` overrides a
 * `<meta>` one with nothing. Buttons already on the page update.
 */
export function configureSpacesCallButtons(defaults: SpacesCallButtonDefaults): void {
  store.script = { ...store.script, ...defaults };
  notify();
}

function notify(): void {
  store.merged = undefined;
  for (const listener of store.listeners) listener();
}

/** The merged page defaults: script over `<meta>` tags. */
export function pageDefaults(): SpacesCallButtonDefaults {
  if (store.merged) return store.merged;
  if (!store.meta) {
    store.meta = readMetaDefaults();
    watchMetaTags();
  }
  const merged: SpacesCallButtonDefaults = { ...store.meta };
  for (const [key, value] of Object.entries(store.script)) {
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  return (store.merged = merged);
}

/** Calls `listener` whenever the script defaults change; returns the unsubscribe function. */
export function onDefaultsChange(listener: () => void): () => void {
  store.listeners.add(listener);
  return () => store.listeners.delete(listener);
}

let regionOf: { lang: string; region: string | undefined } | undefined;

/** The default country of a button without its own: the page default, else the region of the document's `lang`. */
export function pageDefaultCountry(): string | undefined {
  return pageDefaults().defaultCountry ?? documentRegion();
}

/** The region of the document's `lang` (`en-GB` → `GB`), if it names one; parsed once per value, not per button. */
function documentRegion(): string | undefined {
  const lang = globalThis.document?.documentElement.lang ?? '';
  if (regionOf?.lang !== lang) regionOf = { lang, region: regionFrom(lang) };
  return regionOf.region;
}

function regionFrom(lang: string): string | undefined {
  if (!lang) return undefined;
  try {
    return new Intl.Locale(lang).region;
  } catch {
    return undefined;
  }
}

/**
 * Meta tags can arrive after the first read: a script in the head before them, or a single-page
 * app that adds them later. Read once, then again only when one of ours changes.
 */
function watchMetaTags(): void {
  const head = globalThis.document?.head;
  if (store.watchingMeta || !head) return;
  store.watchingMeta = true;
  const ours = (node: Node) => node instanceof HTMLMetaElement && node.name.startsWith(META_PREFIX);
  new MutationObserver((mutations) => {
    const changed = mutations.some(
      (mutation) => ours(mutation.target) || [...mutation.addedNodes, ...mutation.removedNodes].some(ours),
    );
    if (!changed) return;
    store.meta = undefined;
    notify();
  }).observe(head, { childList: true, subtree: true, attributes: true, attributeFilter: ['name', 'content'] });
}

function readMetaDefaults(): SpacesCallButtonDefaults {
  const defaults: Record<string, string | number | boolean> = {};
  const metas = globalThis.document?.querySelectorAll<HTMLMetaElement>(`meta[name^="${META_PREFIX}"]`) ?? [];
  for (const meta of metas) {
    const name = meta.name.slice(META_PREFIX.length);
    const key = name.replace(/-[a-z]/g, (dash) => dash[1].toUpperCase());
    if (name !== name.toLowerCase() || !META_KEYS.has(key)) continue;
    defaults[key] =
      BOOLEAN_DEFAULTS.has(key) ? meta.content.trim() === 'true' : NUMBER_DEFAULTS.has(key) ? Number(meta.content) : meta.content;
  }
  return defaults;
}
