/**
 * What the button says, in its language: the shown number, its accessible name and the status line.
 * Pure; the element passes its state in.
 */
import type { CallError } from './call-error.js';
import type { Receiver } from './call-response.js';
import type { Messages } from './i18n/messages.js';
import type { PhoneResult } from './phone.js';

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
  status: 'idle' | 'placing' | 'calling' | 'error';
  receivers?: Receiver[];
  error?: CallError;
  /** How a receiver's name is shown (a number is formatted, or masked). */
  nameOf: (receiver: Receiver) => string;
}

/** The live status line. */
export function statusText({ phone, status, receivers = [], error, nameOf }: StatusFacts, messages: Messages, overrides: Overrides): string {
  if (phone?.ok === false) return messages.invalid(phone.reason);
  switch (status) {
    case 'idle':
      return '';
    case 'placing':
      return overrides.placingLabel ?? messages.placing;
    case 'calling':
      return receivers
        .map((receiver) => {
          const name = nameOf(receiver);
          // An answer without a status still means the call offer was sent: shown as calling.
          if (receiver.callStatus && receiver.callStatus !== 'calling') return messages.receiverStatus(name, receiver.callStatus);
          return overrides.callingLabel ? overrides.callingLabel.replaceAll('{name}', name) : messages.calling(name);
        })
        .join('; ');
    case 'error':
      return error ? messages.error(error) : '';
  }
}
