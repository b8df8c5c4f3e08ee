/**
 * The listeners of every button's shadow root: the same two functions for all of them (no closure per button).
 */

interface ListeningButton extends Element {
  /** Cancels a live call that is ringing; whether it did. */
  cancel(): boolean;
  /** Places a call. */
  call(): Promise<void>;
  /** The words the page put in the default slot: they lead the accessible name. */
  slottedText?: string;
}

/** A click on the `<button>` (or on what is slotted in it) cancels a live call that is ringing, or else calls. */
function onClick(this: ShadowRoot, event: Event): void {
  for (const node of event.composedPath()) {
    if (node === this) return; // the status line (its sign-in link), not the button
    if ((node as Element).localName !== 'button') continue;
    const button = this.host as ListeningButton;
    if (!button.cancel()) void button.call();
    return;
  }
}

/** The words slotted in the default slot lead the accessible name (set when they change: each set renders). */
function onSlotChange(this: ShadowRoot, event: Event): void {
  const slot = event.target as HTMLSlotElement;
  if (slot.name) return; // the icon
  const text = slot
    .assignedNodes()
    .map((node) => node.textContent)
    .join('')
    .trim();
  const button = this.host as ListeningButton;
  if ((button.slottedText ?? '') !== text) button.slottedText = text;
}

export function listenOnShadowRoot(root: HTMLElement | DocumentFragment): void {
  root.addEventListener('click', onClick);
  root.addEventListener('slotchange', onSlotChange);
}
