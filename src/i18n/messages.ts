/**
 * The words of a button. English (en.ts) is built in, except its call errors' (en-errors.ts), which come with the call
 * code that makes the errors; the other languages (a `Translation` each) load when used.
 */
import type { CallError } from '../api/call-error-kind.js';
import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { InvalidPhoneReason } from '../phone/phone.js';

/** A call error without its message: the facts a translation words. */
export type ErrorFacts = Omit<CallError, 'message'>;

export interface Messages {
  /** The button's accessible name. */
  callLabel(number: string, extension?: string): string;
  /** The accessible name when the number is masked: only its last digits are said. */
  callMaskedLabel(lastDigits: string): string;
  extension(extension: string): string;
  invalid(reason: InvalidPhoneReason): string;
  placing: string;
  calling(name: string): string;
  receiverStatus(name: string, status: string): string;
  /** The live status once the callee picked up (the elapsed time is shown beside it, not announced). */
  answered(name: string): string;
  /** How the call ended; `duration` (m:ss) for an answered call. */
  ended(outcome: CallEndOutcome, duration?: string): string;
  /** The accessible name while a click cancels the call. */
  cancelLabel(number: string): string;
  /** The link to the sign-in page, beside a `signed-out` error. */
  signIn: string;
  /** A call error in words; absent in English, whose errors carry their own `message`. */
  error?(facts: ErrorFacts): string;
}

/** What a translation provides: every text, call errors included. */
export interface Translation extends Messages {
  error(facts: ErrorFacts): string;
}
