/**
 * Placing a call from a button: the first click loads the call code (see client-loader.ts), shown as placing, and
 * makes the button's controller; every click then checks the number first and hands the call to the controller.
 * A helper that takes the button: a button never clicked keeps nothing for it.
 */
import { DEFAULT_CALL_TYPE } from '../api/call-type.js';
import type { CallError } from '../api/call-error.js';
import type { CallController, CallControllerHost } from '../call/call-controller.js';
import type { Lifecycle } from '../call/call-lifecycle.js';
import { loadClient } from '../call/client-loader.js';
import { en, unreachable } from '../i18n/en.js';
import { createCallEvent } from './events.js';
import type { Messages } from '../i18n/messages.js';
import type { PhoneResult } from '../phone/phone.js';
import type { ButtonSettings } from '../api/call-settings.js';

export const IDLE: Lifecycle = { status: 'idle' };
export const PLACING: Lifecycle = { status: 'placing' };

/** What placing a call reads and writes of the button. */
export interface CallingButton extends CallControllerHost, ButtonSettings {
  /** Made at the first click, with the code a call needs: a button never clicked pays nothing for it. */
  calls?: CallController;
  /** What the button shows before it has a controller (idle when unset): placing while the call code loads, or the error if it could not. */
  beforeCalls?: Lifecycle;
  readonly disabled: boolean;
  readonly phone?: PhoneResult;
  readonly messages?: Messages;
  readonly e164: string | null;
  readonly dataset: DOMStringMap;
  readonly updateComplete: Promise<boolean>;
  readonly isConnected: boolean;
  readonly resetDelay?: number;
}

/** Places the call as a click would. Resolves when the request has ended; does nothing while a call is under way. */
export async function placeCall(button: CallingButton): Promise<void> {
  if (button.disabled || button.beforeCalls === PLACING || button.calls?.busy) return;
  // Placing from here on, so that more clicks do nothing while the call code loads and the number is checked.
  const started = button.calls ? { calls: button.calls, signal: button.calls.begin() } : await loadCalls(button);
  if (!started) return;
  const { calls, signal } = started;
  if (!button.phone) await button.updateComplete; // which checks the number first
  // A new number while it was checked aborts this attempt (see willUpdate).
  if (signal.aborted) return;
  const { phone } = button;
  if (!phone?.ok) return calls.drop();
  await calls.place(phone, button, { ...button.dataset });
}

/** The first click's wait for the call code, shown as placing; then the call begins. If it cannot load, that is a network error. */
async function loadCalls(button: CallingButton): Promise<{ calls: CallController; signal: AbortSignal } | undefined> {
  button.beforeCalls = PLACING;
  button.requestUpdate();
  const module = await loadClient();
  // The controller takes over the placing state at once (in the same microtask), so that no one ever sees idle.
  button.beforeCalls = IDLE;
  if (!button.isConnected) return undefined; // removed meanwhile
  if (module) {
    const calls = (button.calls ??= new module.CallController(button, () => button.messages ?? en));
    return { calls, signal: calls.begin() };
  }
  const error: CallError = { kind: 'network', message: button.messages?.error?.({ kind: 'network' }) ?? unreachable };
  button.beforeCalls = { status: 'error', error };
  button.requestUpdate();
  const data = { ...button.dataset };
  button.dispatchEvent(createCallEvent('spaces-call-error', { number: button.e164 ?? '', callType: button.callType || DEFAULT_CALL_TYPE, data, ...error }));
  return undefined;
}
