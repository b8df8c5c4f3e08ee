/**
 * The kinds of a call's failure and the facts behind one: what call-error.ts builds, what the lifecycle, the
 * events and the messages (i18n/) read. Types only, so that the error kinds come before their texts.
 */
export type CallErrorKind =
  | 'no-token'
  | 'signed-out'
  | 'token-unavailable'
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
