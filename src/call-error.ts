/**
 * Every way a call can fail, as a kind the host page can branch on and an
 * English message the button shows. Pure and DOM-free.
 */

export type CallErrorKind =
  | 'no-token'
  | 'bad-config'
  | 'busy'
  | 'insecure-endpoint'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'redirect'
  | 'bad-response'
  | 'network'
  | 'timeout'
  | 'aborted';

export interface CallError {
  kind: CallErrorKind;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** What the button shows; never holds the token. */
  message: string;
}

/** Facts about a failed HTTP answer that a message may mention. */
export interface HttpFailure {
  status: number;
  /** The `message` field of a JSON error body, when there was one. */
  serverMessage?: string;
  /** Seconds from a `Retry-After` header. */
  retryAfterSeconds?: number;
}

const LICENSE_HINT =
  'The caller needs the Aura calling license, a whitelisted billing country and to be opted in to Spaces calling.';

/** Maps an HTTP status that is not a success to a kind and a specific message. */
export function httpError({ status, serverMessage, retryAfterSeconds }: HttpFailure): CallError {
  const server = serverMessage ? ` The API said: “${serverMessage}”` : '';
  if (status === 400) return { kind: 'bad-request', status, message: `The API rejected the call request.${server}` };
  if (status === 401) {
    return { kind: 'unauthorized', status, message: `The access token was rejected or has expired.${server}` };
  }
  if (status === 403) return { kind: 'forbidden', status, message: `Calling is not allowed for this user.${server} ${LICENSE_HINT}` };
  if (status === 404) {
    return { kind: 'not-found', status, message: `The calling API was not found: check the environment or api-base.${server}` };
  }
  if (status === 429) {
    const wait = retryAfterSeconds === undefined ? 'Wait a moment' : `Wait ${formatWait(retryAfterSeconds)}`;
    return { kind: 'rate-limited', status, message: `Too many call requests. ${wait} and try again.${server}` };
  }
  if (status >= 500 && status <= 599) {
    return { kind: 'server', status, message: `The calling service failed (HTTP ${status}). Try again later.${server}` };
  }
  return { kind: 'http', status, message: `The calling API answered with an unexpected HTTP status ${status}.${server}` };
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Failures that happen before or around an HTTP answer. */
export const callErrors = {
  noToken: (): CallError => ({ kind: 'no-token', message: 'No access token is configured, so no call was placed.' }),
  tokenProviderFailed: (): CallError => ({ kind: 'no-token', message: 'The access token could not be obtained, so no call was placed.' }),
  badConfig: (problem: string): CallError => ({ kind: 'bad-config', message: `The button is misconfigured: ${problem}.` }),
  busy: (): CallError => ({ kind: 'busy', message: 'Another call is being placed. Try again in a moment.' }),
  insecureEndpoint: (origin: string): CallError => ({
    kind: 'insecure-endpoint',
    message: `The token is only sent over https (or to this computer); ${origin} was refused.`,
  }),
  redirect: (): CallError => ({
    kind: 'redirect',
    message: 'The calling API answered with a redirect; it was not followed so that the token stays with the API.',
  }),
  badResponse: (status: number, why: string): CallError => ({
    kind: 'bad-response',
    status,
    message: `The calling API sent an answer that could not be read (${why}). The call may or may not have been placed.`,
  }),
  network: (): CallError => ({ kind: 'network', message: 'The calling API could not be reached. Check the network connection.' }),
  timeout: (ms: number): CallError => ({
    kind: 'timeout',
    message: `The calling API did not answer within ${ms / 1000} seconds. The call may or may not have been placed.`,
  }),
  aborted: (): CallError => ({ kind: 'aborted', message: 'The call request was cancelled.' }),
} as const;
