import type { CallEndOutcome } from '../call/call-lifecycle.js';
import type { ErrorFacts, Messages } from './messages.js';

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

const wait = (seconds: number) => (seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`);

const outcomes: Record<Exclude<CallEndOutcome, 'answered'>, string> = {
  declined: 'Declined',
  'not-answered': 'No answer',
  cancelled: 'Call cancelled',
  failed: 'Call failed',
  unknown: 'Call status unknown',
};

function error(e: ErrorFacts): string {
  const said = e.serverMessage ? ` The API said: “${e.serverMessage}”` : '';
  switch (e.kind) {
    case 'no-token':
      return e.tokenProviderFailed
        ? 'The access token could not be obtained, so no call was placed.'
        : 'No access token is configured, so no call was placed.';
    case 'signed-out':
      return 'Sign in to Avaya Spaces to call.';
    case 'token-unavailable':
      return e.status ? `The sign-in service could not give an access token (HTTP ${e.status}), so no call was placed.` : 'The sign-in service could not be reached for an access token, so no call was placed.';
    case 'bad-config':
      return `The button is misconfigured: ${e.problem}.`;
    case 'busy':
      return 'Another call is being placed. Try again in a moment.';
    case 'insecure-endpoint':
      return `The token is only sent over https (or to this computer); ${e.origin} was refused.`;
    case 'bad-request':
      return `The API rejected the call request.${said}`;
    case 'unauthorized':
      return `The access token was rejected or has expired.${said}`;
    case 'forbidden':
      return `Calling is not allowed for this user.${said} The caller needs the Aura calling license, a whitelisted billing country and to be opted in to Spaces calling.`;
    case 'not-found':
      return `The calling API was not found: check the environment or api-base.${said}`;
    case 'rate-limited':
      return `Too many call requests. ${e.retryAfterSeconds === undefined ? 'Wait a moment' : `Wait ${wait(e.retryAfterSeconds)}`} and try again.${said}`;
    case 'server':
      return `The calling service failed (HTTP ${e.status}). Try again later.${said}`;
    case 'http':
      return `The calling API answered with an unexpected HTTP status ${e.status}.${said}`;
    case 'redirect':
      return 'The calling API answered with a redirect; it was not followed so that the token stays with the API.';
    case 'bad-response':
      return `The calling API sent an answer that could not be read (${e.unreadable === 'no-receivers' ? 'no receivers' : 'not JSON'}). The call may or may not have been placed.`;
    case 'network':
      return 'The calling API could not be reached. Check the network connection.';
    case 'timeout':
      return `The calling API did not answer within ${(e.timeoutMs ?? 0) / 1000} seconds. The call may or may not have been placed.`;
    case 'aborted':
      return 'The call request was cancelled.';
  }
}

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
  error,
};
