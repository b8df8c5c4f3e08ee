/** The button's own English texts (error messages live with the errors in call-error.ts). */
import type { InvalidPhoneReason } from './phone.js';

export const invalidReasons: Record<InvalidPhoneReason, string> = {
  empty: 'no number given',
  'not-a-number': 'not a phone number',
  'no-country': 'a national number needs a default country',
  'unknown-country': 'unknown country calling code',
  'too-short': 'the number is too short',
  'too-long': 'the number is too long',
  invalid: 'not a valid phone number',
  unavailable: 'phone number data could not be loaded',
};

export const texts = {
  callLabel: (number: string, extension?: string) => `Call ${number}${extension ? `, extension ${extension}` : ''}`,
  invalid: (reason: InvalidPhoneReason) => `Can’t call: ${invalidReasons[reason]}`,
  placing: 'Placing call…',
  calling: (name: string) => `Calling ${name}…`,
  receiverStatus: (name: string, status: string) => `${name}: ${status}`,
  extension: (extension: string) => `ext. ${extension}`,
};
