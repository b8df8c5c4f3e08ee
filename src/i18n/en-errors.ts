/**
 * The call errors' English messages: what every `CallError` carries as `message`, and what an English button shows.
 * Made where the errors are made (api/call-error.ts), so they come with the call code, not with the page.
 */
import { unreachable } from './en.js';
import type { ErrorFacts } from './messages.js';

const wait = (seconds: number) => (seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`);

export function englishError(e: ErrorFacts): string {
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
      return unreachable;
    case 'timeout':
      return `The calling API did not answer within ${(e.timeoutMs ?? 0) / 1000} seconds. The call may or may not have been placed.`;
    case 'aborted':
      return 'The call request was cancelled.';
  }
}
