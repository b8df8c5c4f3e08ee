/** The page defaults that index.html gives every button with `<meta name="spaces-call-button:…">`, read from the live DOM. */
const META_SELECTOR = 'meta[name^="spaces-call-button:"]';

export const pageMetaTags = (): HTMLMetaElement[] => [...document.head.querySelectorAll<HTMLMetaElement>(META_SELECTOR)];

/** The content of the page's `<meta name="spaces-call-button:{attribute}">`, if there is one. */
export const pageMeta = (attribute: string): string | undefined =>
  pageMetaTags().find((meta) => meta.name === `spaces-call-button:${attribute}`)?.content;
