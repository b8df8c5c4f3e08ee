/**
 * The kinds of a call's failure and the facts behind one: what call-error.ts builds, what the lifecycle, the
 * events and the messages (i18n/) read. Types only, so that the error kinds come before their texts.
 */
export type CallErrorKind =
  /** No token source gives a token: none is configured, a blank one, or `getToken` failed (`tokenProviderFailed`). */
  | 'no-token'
  /** The `token-url` endpoint answered 401 or 403, or redirected: the user must sign in (`signInUrl`, when known, is offered as a "Sign in" link). */
  | 'signed-out'
  /** The `token-url` endpoint failed otherwise: unreachable, 5xx, not JSON, no token (`status`, when it answered). */
  | 'token-unavailable'
  /** A setting cannot be used (`problem` says which); nothing is sent. */
  | 'bad-config'
  /** `max-concurrent-calls` calls are already being placed on the page. */
  | 'busy'
  /** The API origin or the `token-url` is neither `https:` nor this computer (`localhost`, `127.0.0.0/8`, `[::1]`); no request is sent (`origin`). */
  | 'insecure-endpoint'
  /** HTTP 400. */
  | 'bad-request'
  /** HTTP 401, after one fresh token from `getToken({ forceRefresh: true })` or the `token-url` when there is one. */
  | 'unauthorized'
  /** HTTP 403: the caller may not place Spaces calls (license, billing country, opt-in). */
  | 'forbidden'
  /** HTTP 404: the wrong `environment` or `api-base`. */
  | 'not-found'
  /** HTTP 429 (`retryAfterSeconds` from `Retry-After`). */
  | 'rate-limited'
  /** HTTP 5xx. */
  | 'server'
  /** Any other status that is not a success. */
  | 'http'
  /** A 3xx answer: never followed, so that the token cannot travel elsewhere. */
  | 'redirect'
  /** A success whose body is not JSON or names no callee in `receivers` (`unreadable`); the call may have been placed. */
  | 'bad-response'
  /** The API could not be reached, or the connection broke. */
  | 'network'
  /** No full answer within `timeout` (`timeoutMs`); the call may have been placed. */
  | 'timeout'
  /** The request was abandoned: the button was removed. */
  | 'aborted';

export interface CallError {
  kind: CallErrorKind;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** What the button shows; never holds the token. */
  message: string;
  /** The `message` field of a JSON error body, when there was one (the token, if echoed, is hidden). */
  serverMessage?: string;
  /** Seconds from a `Retry-After` header. */
  retryAfterSeconds?: number;
  /** The timeout that ran out. */
  timeoutMs?: number;
  /** The refused API origin (`insecure-endpoint`). */
  origin?: string;
  /** What is wrong with the settings (`bad-config`), in English: it is for the page's developer. */
  problem?: string;
  /** Why a success answer could not be read (`bad-response`). */
  unreadable?: 'not-json' | 'no-receivers';
  /** The token provider threw (`no-token`). */
  tokenProviderFailed?: boolean;
  /** Where the user signs in (`signed-out`), when known: the button offers it as a link. */
  signInUrl?: string;
}
