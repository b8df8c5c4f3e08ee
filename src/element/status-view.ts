/**
 * What a button shows beside its number, set when it changes rather than bound in the template (each binding is a
 * part on every button of a list): the `:state()`s, the `<button>`'s `aria-disabled` and `disabled`, the live status
 * line (with its "Sign in" link), the extension and the elapsed time of an answered call. Helpers that take the
 * button: a long list keeps no more than the fields below.
 */
import { html, render } from 'lit';
import type { Receiver } from '../api/call-response.js';
import type { Lifecycle } from '../call/call-lifecycle.js';
import { en } from '../i18n/en.js';
import type { Messages } from '../i18n/messages.js';
import type { PhoneResult } from '../phone/phone.js';
import { normalizeNumber } from '../phone/phone-loader.js';
import { formatDuration, shownNumber, statusText } from './button-text.js';

export type CallStatus = 'idle' | 'invalid' | 'placing' | 'calling' | 'answered' | 'ended' | 'error';

export interface StatusButton extends HTMLElement {
  readonly status: CallStatus;
  readonly callState: Lifecycle;
  /** Calling, followed live: a click cancels the call. */
  readonly canCancel: boolean;
  readonly internals: ElementInternals;
  readonly disabled: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly phone?: PhoneResult;
  readonly messages?: Messages;
  readonly masked: boolean;
  readonly visibleDigits: number;
  readonly country: string | undefined;
  readonly e164: string | null;
  readonly placingLabel?: string;
  readonly callingLabel?: string;
  /** What the status line says; unset while it says nothing. */
  statusLine?: string;
  /** The number's extension (`[part=extension]`), while it has one. */
  extensionSpan?: HTMLSpanElement;
  /** The elapsed time of an answered call (`[part=elapsed]`), while there is one. */
  timer?: HTMLSpanElement;
}

/** Brings what the button shows beside its number up to date (Lit's `updated`). */
export function showStatus(button: StatusButton, disabledChanged: boolean): void {
  const { status, canCancel } = button;
  const shown = button.internals.states;
  if (!shown.has(status) || shown.has('cancellable') !== canCancel) {
    const first = !shown.size;
    shown.clear();
    shown.add(status);
    if (canCancel) shown.add('cancellable');
    // Invalid, or a call under way that a click cannot cancel: focusable, but says it does nothing.
    const inert = status === 'invalid' || (!canCancel && (status === 'placing' || status === 'calling' || status === 'answered'));
    if (inert) innerButton(button).setAttribute('aria-disabled', 'true');
    else if (!first) innerButton(button).removeAttribute('aria-disabled');
  }
  if (disabledChanged) innerButton(button).toggleAttribute('disabled', button.disabled);
  updateStatusLine(button);
  // The extension, after the number (and replaced with it by slotted words): made for the numbers that have one. Its
  // text starts with a space, as it is read (the gap on screen is the layout's): "373-4200 ext. 7", not "373-4200ext. 7".
  const { phone } = button;
  const extension = phone?.ok && !button.masked && phone.extension ? ` ${(button.messages ?? en).extension(phone.extension)}` : undefined;
  const extensionSpan = spanWhile(button.extensionSpan, extension, 'extension', (span) => button.renderRoot.querySelector('[part=number]')!.after(span));
  if (extensionSpan !== button.extensionSpan) button.extensionSpan = extensionSpan;
  // The time since a followed call was answered, beside the status and outside its live region (not announced
  // each second): buttons without `live` pay nothing for it.
  const state = button.callState;
  const elapsed = state.status === 'answered' ? formatDuration(Date.now() - state.answeredAt) : undefined;
  const timer = spanWhile(button.timer, elapsed, 'elapsed', (span) => {
    span.setAttribute('role', 'timer');
    button.renderRoot.querySelector('[part=status]')!.before(span);
  });
  if (timer !== button.timer) button.timer = timer;
}

/** The `<button>`, looked up only when something of it changes (most updates of a list change nothing of it). */
const innerButton = (button: StatusButton) => button.renderRoot.querySelector('button')!;

/** A span that few buttons show, made while it has a text (`part` names it), updated in place, removed after. */
function spanWhile(span: HTMLSpanElement | undefined, text: string | undefined, part: string, insert: (span: HTMLSpanElement) => void) {
  if (text === undefined) return void span?.remove();
  if (!span) {
    span = document.createElement('span');
    span.setAttribute('part', part);
    insert(span);
  }
  span.textContent = text;
  return span;
}

/**
 * The live status line: its text, with a "Sign in" link after a `signed-out` error when a sign-in address is known.
 * Written only when it changes; an idle button with a number not known to be invalid (most of a list) says nothing.
 */
function updateStatusLine(button: StatusButton): void {
  const { phone } = button;
  const state = button.callState;
  const messages = button.messages ?? en;
  const text = state.status === 'idle' && phone?.ok !== false ? '' : statusText({ phone, state, nameOf: (receiver) => nameOf(button, receiver) }, messages, button);
  const signInUrl = state.status === 'error' ? state.error.signInUrl : undefined;
  const line = signInUrl ? `${text}\n${signInUrl}\n${messages.signIn}` : text;
  if (line === (button.statusLine ?? '')) return;
  button.statusLine = line || undefined;
  const content = signInUrl ? html`${text} <a part="sign-in" href=${signInUrl} target="_blank" rel="noopener">${messages.signIn}</a>` : text;
  render(content, button.renderRoot.querySelector<HTMLElement>('[part=status]')!);
}

/** A receiver's name: a number is formatted like the button's own (and masked with it). */
function nameOf(button: StatusButton, { displayname, address }: Receiver): string {
  const name = displayname || address || button.e164 || '';
  const phone = normalizeNumber(name, button.country);
  if (phone instanceof Promise || !phone.ok) return name;
  return shownNumber(phone, name, button.messages ?? en, { masked: button.masked, visibleDigits: button.visibleDigits }).text;
}
