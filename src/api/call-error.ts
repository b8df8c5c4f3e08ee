/**
 * Every way a call can fail, as a kind the host page can branch on, the facts behind it,
 * and an English message (the button words it in its own language). Pure and DOM-free.
 */
import { englishError } from '../i18n/en-errors.js';
import type { CallError, CallErrorKind } from './call-error-kind.js';

export type { CallError, CallErrorKind };

function callError(facts: Omit<CallError, 'message'>): CallError {
  return { ...facts, message: englishError(facts) };
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
