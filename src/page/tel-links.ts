/**
 * Upgrades existing `<a href="tel:…">` links into call buttons, including links added later: a chunk of its own,
 * loaded by tel-link-loader.ts when a page opts in (`<meta name="spaces-call-button:upgrade-tel-links"
 * content="true">` for the whole page) or calls `upgradeTelLinks(subtree)`. A link stays a plain link while no token
 * source (`token`, `token-url`, `getToken`) is configured (and, of course, where JavaScript does not run), and inside
 * or on anything marked `data-spaces-call="off"`.
 */
import { onDefaultsChange, pageDefaults } from './page-defaults.js';

const LINKS = 'a[href^="tel:" i]';
const OPTED_OUT = '[data-spaces-call="off"]';

/** Upgrades the tel: links under `root` now and as they are added; returns the function that stops watching. */
export function watchTelLinks(root: ParentNode = document): () => void {
  const upgradeAll = (node: ParentNode) => {
    if (node instanceof HTMLAnchorElement && node.matches(LINKS)) upgrade(node);
    node.querySelectorAll<HTMLAnchorElement>(LINKS).forEach(upgrade);
  };
  upgradeAll(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => node instanceof Element && upgradeAll(node));
    }
  });
  observer.observe(root as Node, { childList: true, subtree: true });
  // A token source configured later (a script after the links, a sign-in) upgrades the links seen without one.
  const unsubscribe = onDefaultsChange(() => hasToken() && upgradeAll(root));
  return () => {
    observer.disconnect();
    unsubscribe();
  };
}

function upgrade(link: HTMLAnchorElement): void {
  if (link.closest(OPTED_OUT) || link.hidden || !hasToken()) return;
  const button = document.createElement('spaces-call-button');
  button.setAttribute('number', link.getAttribute('href') ?? '');
  for (const { name, value } of link.attributes) {
    if (name.startsWith('data-') || name === 'lang') button.setAttribute(name, value);
  }
  // A link worded as text ("Call the office") keeps its words; one that shows the number shows it formatted.
  const words = link.textContent?.trim() ?? '';
  if (/\p{L}/u.test(words)) {
    const label = document.createElement('span');
    label.textContent = words;
    button.append(label);
  }
  // The link stays in the page, hidden, so that removing the button (or this script) gives it back.
  link.hidden = true;
  link.before(button);
}

/** Any of the page's token sources (call-settings.ts picks which): without one, a button could not call. */
function hasToken(): boolean {
  const { token, getToken, tokenUrl } = pageDefaults();
  return Boolean(getToken || tokenUrl?.trim() || token?.trim());
}
