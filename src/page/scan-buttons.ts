/**
 * The page scan's only writes to the page: a `<spaces-call-button variant="icon">` right after each number found,
 * and their undoing. The number's text stays in its Text node: when more text follows it in the node, the rest is
 * split off into a node of its own (`splitText`), which undoing joins back, so that the page's nodes and its
 * `textContent` are as they were.
 */
import type { NumberInText } from '../phone/find-numbers.js';
import { positionOf, type TextRun } from './scan-text.js';

/** Marks the buttons the scan inserted (a second scan adds none beside them). */
export const SCANNED = 'data-spaces-scanned';

/** A button the scan inserted, after the node where its number ends; `rest`: the text that followed, split off. */
export interface InsertedButton {
  button: HTMLElement;
  after: Text;
  rest?: Text;
}

/**
 * Inserts a button after each number of `run`, made by `make` from the number and its text as written; none where
 * a scan already put one. Returns them in the order they were inserted, the last number's first: undone the other way
 * round (`removeButtons`), each join finds its node as the split left it.
 */
export function insertButtons(run: TextRun, numbers: NumberInText[], make: (found: NumberInText, written: string) => HTMLElement): InsertedButton[] {
  const inserted: InsertedButton[] = [];
  for (const found of numbers.toReversed()) {
    const { node, offset } = positionOf(run, found.end);
    if (offset === node.length && isScanned(node.nextSibling)) continue;
    const rest = offset < node.length ? node.splitText(offset) : undefined;
    const button = make(found, run.text.slice(found.start, found.end));
    node.after(button);
    inserted.push(rest ? { button, after: node, rest } : { button, after: node });
  }
  return inserted;
}

/** Removes the buttons `insertButtons` inserted, and joins back what it split off, the last inserted first. */
export function removeButtons(inserted: InsertedButton[]): void {
  for (const { button, after, rest } of inserted.toReversed()) {
    button.remove();
    // Where the page has moved or removed them since, they are left as the page has them.
    if (rest && after.nextSibling === rest) {
      after.appendData(rest.data);
      rest.remove();
    }
  }
}

/**
 * A button for `number`: its E.164 (and extension), its accessible name `label`, not selected with the text, a little
 * apart from it. With the region's own `country`, so that the number it holds (hidden by the icon variant) is
 * formatted as the region writes it, as its name says it.
 */
export function scanButton({ e164, extension }: NumberInText, label: string | Promise<string>, country: string | undefined): HTMLElement {
  const button = document.createElement('spaces-call-button');
  button.setAttribute(SCANNED, '');
  button.setAttribute('variant', 'icon');
  button.setAttribute('number', extension ? `${e164};ext=${extension}` : e164);
  if (country) button.setAttribute('default-country', country);
  // On the element itself: the page's styles know nothing of it. A quarter of an em from the number, centred on the line.
  button.style.cssText = 'user-select:none;margin-inline-start:.25em;vertical-align:middle';
  if (typeof label === 'string') button.setAttribute('label', label);
  else label.then((text) => button.setAttribute('label', text));
  return button;
}

const isScanned = (node: Node | null): boolean => node instanceof Element && node.hasAttribute(SCANNED);
