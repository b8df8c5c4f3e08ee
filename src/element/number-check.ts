/**
 * Checking a button's number: at once when the phone code is in, once it has loaded otherwise, and, on a page with
 * more buttons than a screen shows, for a button far below the viewport only when it comes near (or is clicked, or
 * awaited). Helpers that take the button, rather than a controller object per button: a long list keeps no more than
 * the fields below.
 */
import { canWatchViewport, whenNearViewport, type NearViewportWatcher } from '../page/near-viewport.js';
import type { PhoneResult } from '../phone/phone.js';
import { normalizeNumber, numbersPrepared, prepareNumbers } from '../phone/phone-loader.js';
import { pageButtonCount } from './page-buttons.js';

/**
 * A page with at most this many buttons (a record page) has every number checked at once: waiting for the viewport
 * would cost it a frame and a second render, and checking them all costs less.
 */
const CHECKED_AT_ONCE = 20;

export interface CheckedButton extends NearViewportWatcher {
  /** The normalized number; `undefined` while unchecked or while the phone data it needs is loading. */
  phone?: PhoneResult;
  /** The normalization under way while `phone` is undefined. */
  phoneReady?: Promise<PhoneResult>;
  /** Set once the button has come near the viewport; from then on its number is checked as soon as it changes. */
  seen?: boolean;
  /** The number as text. */
  readonly input: string;
  /** The default country in force. */
  readonly country: string | undefined;
  readonly hasUpdated: boolean;
  readonly e164: string | null;
  /** Drops the call or error of the number before. */
  resetCall(): void;
}

/** The number (or the country) changed: checked now, or put off while the button is far from the viewport. */
export function checkChangedNumber(button: CheckedButton): void {
  const known = button.seen || pageButtonCount() <= CHECKED_AT_ONCE || !canWatchViewport() ? check(button) : deferCheck(button);
  // A call or error belongs to the number it was for (a call before the first render is for this one).
  if (button.hasUpdated && !(known?.ok && known.e164 === button.e164)) button.resetCall();
  if (known !== button.phone) button.phone = known;
}

/** The button came near the viewport: from then on its number is checked as soon as it changes. */
export function checkNearViewport(button: CheckedButton): void {
  button.seen = true;
  checkDeferredNumber(button);
}

/** A number put off while the button was off screen is checked now (when it comes near, is clicked or awaited). */
export function checkDeferredNumber(button: CheckedButton): void {
  if (!isUnchecked(button)) return;
  const known = check(button);
  if (known !== button.phone) button.phone = known;
}

/** The number changed while the button was off screen, and has not been checked since. */
export function isUnchecked(button: CheckedButton): boolean {
  return button.hasUpdated && !button.phone && !button.phoneReady;
}

/** Checks the number now: the result, or `undefined` while the phone data it needs loads (see `phoneReady`). */
function check(button: CheckedButton): PhoneResult | undefined {
  const result = normalizeNumber(button.input, button.country);
  if (result instanceof Promise) {
    button.phoneReady = whenChecked(button, result);
    return undefined;
  }
  if (button.phoneReady) button.phoneReady = undefined;
  return result;
}

function whenChecked(button: CheckedButton, result: Promise<PhoneResult>): Promise<PhoneResult> {
  const pending = result.then((phone) => {
    if (button.phoneReady !== pending) return phone; // superseded by a newer number
    button.phoneReady = undefined;
    button.phone = phone;
    if (!phone.ok) button.resetCall();
    return phone;
  });
  return pending;
}

/** Leaves the number of a button far below the viewport unchecked until it comes near. */
function deferCheck(button: CheckedButton): undefined {
  if (button.phoneReady) button.phoneReady = undefined;
  if (button.isConnected) whenNearViewport(button);
  // The first such button starts loading what checking numbers needs, so that it is in when buttons come into view.
  if (!numbersPrepared()) prepareNumbers(button.country);
  return undefined;
}
