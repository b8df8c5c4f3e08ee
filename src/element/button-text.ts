/**
 * What the button says, in its language: the shown number, its accessible name and the status line.
 * Pure; the element passes its state in.
 */
import type { Lifecycle } from '../call/call-lifecycle.js';
import type { Receiver } from '../api/call-response.js';
import type { Messages } from '../i18n/messages.js';
import type { PhoneResult } from '../phone/phone.js';

/** Raw input longer than this is cut when shown: the number is invalid anyway. */
const MAX_SHOWN_INPUT = 40;
const MASK = '•••';

export interface ShownNumber {
  /** The visible number: formatted, masked, or the input as written while unchecked or invalid. */
  text: string;
  extension?: string;
  /** The button's accessible name. */
  label: string;
}

export interface Overrides {
  /** Replaces the accessible name; `{number}` stands for the shown number. */
  label?: string;
  /** Replaces "Placing call…". */
  placingLabel?: string;
  /** Replaces "Calling {name}…"; `{name}` stands for the callee. */
  callingLabel?: string;
}

/** The number as shown, masked to its last `visibleDigits` digits when asked. */
export function shownNumber(
  phone: PhoneResult | undefined,
  input: string,
  messages: Messages,
  {
    masked = false,
    visibleDigits = 4,
    label,
    slottedText,
  }: { masked?: boolean; visibleDigits?: number; label?: string; slottedText?: string } = {},
): ShownNumber {
  const shown = shownNumberOnly(phone, input, messages, masked, visibleDigits, label);
  // Words put in the label slot are what sighted users read: the accessible name starts with them.
  return slottedText ? { ...shown, label: `${slottedText}: ${shown.text}` } : shown;
}

function shownNumberOnly(
  phone: PhoneResult | undefined,
  input: string,
  messages: Messages,
  masked: boolean,
  visibleDigits: number,
  label: string | undefined,
): ShownNumber {
  if (!phone?.ok) {
    const text = input.slice(0, MAX_SHOWN_INPUT);
    return { text, label: label ? label.replaceAll('{number}', text) : messages.callLabel(text) };
  }
  if (masked) {
    const lastDigits = visibleDigits > 0 ? phone.e164.slice(-visibleDigits) : '';
    const text = `${MASK} ${lastDigits}`.trim();
    return { text, label: label ? label.replaceAll('{number}', text) : messages.callMaskedLabel(lastDigits) };
  }
  const { display: text, extension } = phone;
  return {
    text,
    ...(extension ? { extension: messages.extension(extension) } : {}),
    label: label ? label.replaceAll('{number}', text) : messages.callLabel(text, extension),
  };
}

export interface StatusFacts {
  phone: PhoneResult | undefined;
  state: Lifecycle;
  /** How a receiver's name is shown (a number is formatted, or masked). */
  nameOf: (receiver: Receiver) => string;
}

/** `m:ss` (or `h:mm:ss`), as a call's elapsed time and duration are shown. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The live status line: it changes once per status, never with the elapsed time. */
export function statusText({ phone, state, nameOf }: StatusFacts, messages: Messages, overrides: Overrides): string {
  if (phone?.ok === false) return messages.invalid(phone.reason);
  switch (state.status) {
    case 'idle':
      return '';
    case 'placing':
      return overrides.placingLabel ?? messages.placing;
    case 'calling':
      return state.call.receivers
        .map((receiver) => {
          const name = nameOf(receiver);
          // An answer without a status still means the call offer was sent: shown as calling.
          if (receiver.callStatus && receiver.callStatus !== 'calling') return messages.receiverStatus(name, receiver.callStatus);
          return overrides.callingLabel ? overrides.callingLabel.replaceAll('{name}', name) : messages.calling(name);
        })
        .join('; ');
    case 'answered':
      return messages.answered(nameOf(state.call.receivers[0]));
    case 'ended': {
      const { answeredAt, endedAt, outcome } = state;
      // The whole call is rounded to the nearest second (the running timer counts full seconds, as a stopwatch).
      return messages.ended(outcome, answeredAt === undefined ? undefined : formatDuration(endedAt - answeredAt + 500));
    }
    case 'error':
      return messages.error?.(state.error) ?? state.error.message;
  }
}
