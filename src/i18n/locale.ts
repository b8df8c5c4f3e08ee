/**
 * The button's language: `lang` on the element or its nearest ancestor (across shadow roots),
 * else the document's. English is built in; the other translations load the first time a
 * button needs them.
 */
import { en } from './en.js';
import type { Messages, Translation } from './messages.js';

type Loader = () => Promise<{ default: Translation }>;

const LOADERS: Record<string, Loader> = {
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  ja: () => import('./ja.js'),
  ar: () => import('./ar.js'),
};

const loaded = new Map<string, Messages>([['en', en]]);
const loading = new Map<string, Promise<Messages>>();

/** The nearest `lang` attribute's value, looking through shadow roots, else the document's. */
export function languageOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const owner: Element | null = node.closest('[lang]');
    if (owner) return owner.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}

/** The base language of each tag seen (`de-CH` → `de`), worked out once per distinct tag rather than per button. */
const bases = new Map<string, string>();
const MAX_BASES = 100;

function baseOf(lang: string): string {
  let base = bases.get(lang);
  if (base === undefined) {
    base = lang.trim().toLowerCase().split(/[-_]/)[0];
    if (bases.size < MAX_BASES) bases.set(lang, base);
  }
  return base;
}

/** The messages for a BCP 47 language tag (`de-CH` uses `de`); English when there is no translation. */
export function messagesFor(lang: string): Messages | Promise<Messages> {
  const base = baseOf(lang);
  const ready = loaded.get(base);
  if (ready) return ready;
  const loader = LOADERS[base];
  if (!loader) return en;
  let pending = loading.get(base);
  if (!pending) {
    pending = loader().then(
      ({ default: messages }) => {
        loaded.set(base, messages);
        return messages;
      },
      () => {
        loading.delete(base); // try again next time; English meanwhile
        return en;
      },
    );
    loading.set(base, pending);
  }
  return pending;
}
