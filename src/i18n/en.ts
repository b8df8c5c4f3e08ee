import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { Messages } from './messages.js';

const reasons = {
  empty: 'no number given',
  'not-a-number': 'not a phone number',
  'control-character': 'the number contains a control character',
  'no-country': 'a national number needs a default country',
  'unknown-country': 'unknown country calling code',
  'too-short': 'the number is too short',
  'too-long': 'the number is too long',
  invalid: 'not a valid phone number',
  unavailable: 'phone number data could not be loaded',
};

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'Declined',
  'not-answered': 'No answer',
  cancelled: 'Call cancelled',
  failed: 'Call failed',
  unknown: 'Call status unknown',
};

/** The one call error a button words without the call code: that code could not be loaded. */
export const unreachable = 'The calling API could not be reached. Check the network connection.';

export const en: Messages = {
  callLabel: (number, extension) => `Call ${number}${extension ? `, extension ${extension}` : ''}`,
  callMaskedLabel: (lastDigits) => `Call the number ending in ${lastDigits}`,
  extension: (extension) => `ext. ${extension}`,
  invalid: (reason) => `Can’t call: ${reasons[reason]}`,
  placing: 'Placing call…',
  calling: (name) => `Calling ${name}…`,
  receiverStatus: (name, status) => `${name}: ${status}`,
  answered: (name) => `${name} answered`,
  ended: (outcome, duration) => (outcome === 'answered' ? `Call ended${duration ? ` · ${duration}` : ''}` : outcomes[outcome]),
  cancelLabel: (number) => `Cancel call to ${number}`,
  signIn: 'Sign in',
};
