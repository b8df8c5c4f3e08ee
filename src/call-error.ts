/**
 * Every way a call can fail, as a kind the host page can branch on, the facts behind it,
 * and an English message (the button words it in its own language). Pure and DOM-free.
 */
import { en } from './i18n/en.js';

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

function callError(facts: Omit<CallError, 'message'>): CallError {
  return { ...facts, message: en.error(facts) };
}

/** Maps an HTTP status that is not a success to a kind and a specific message. */
export function httpError(facts: { status: number; serverMessage?: string; retryAfterSeconds?: number }): CallError {
  const { status } = facts;
  const kind =
    ({ 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 429: 'rate-limited' } as const)[status] ??
    (status >= 500 && status <= 599 ? 'server' : 'http');
  return callError({ kind, ...withoutUndefined(facts) });
}

/** Failures that happen before or around an HTTP answer. */
export const callErrors = {
  noToken: () => callError({ kind: 'no-token' }),
  tokenProviderFailed: () => callError({ kind: 'no-token', tokenProviderFailed: true }),
  signedOut: (signInUrl?: string) => callError({ kind: 'signed-out', ...(signInUrl ? { signInUrl } : {}) }),
  tokenUnavailable: (status?: number) => callError({ kind: 'token-unavailable', ...(status ? { status } : {}) }),
  badConfig: (problem: string) => callError({ kind: 'bad-config', problem }),
  busy: () => callError({ kind: 'busy' }),
  insecureEndpoint: (origin: string) => callError({ kind: 'insecure-endpoint', origin }),
  redirect: () => callError({ kind: 'redirect' }),
  badResponse: (status: number, unreadable: 'not-json' | 'no-receivers') => callError({ kind: 'bad-response', status, unreadable }),
  network: () => callError({ kind: 'network' }),
  timeout: (timeoutMs: number) => callError({ kind: 'timeout', timeoutMs }),
  aborted: () => callError({ kind: 'aborted' }),
} as const;

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
