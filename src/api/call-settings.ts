/**
 * Resolving what a call needs from a button's own settings and the page defaults,
 * with a clear `bad-config` error for a value that cannot work. Pure.
 */
import { callErrors, type CallError } from './call-error.js';
import { DEFAULT_ANSWER_TIMEOUT, DEFAULT_MAX_CONCURRENT_CALLS, DEFAULT_TIMEOUT, ENVIRONMENTS, SOCKET_URLS, isSecureOrigin } from './api-defaults.js';
import { DEFAULT_CALL_TYPE } from './call-type.js';
import type { SpacesCallButtonDefaults } from '../page/page-defaults.js';
import type { SpacesClientOptions } from './spaces-client.js';
import { httpUrl } from './token-url.js';

export type ButtonSettings = Omit<SpacesCallButtonDefaults, 'defaultCountry' | 'resetDelay' | 'upgradeTelLinks'>;

export interface CallSettings extends SpacesClientOptions {
  callType: string;
  displayName: string;
  maxConcurrentCalls: number;
  /** Where to follow the call: the channel URL, a reason it cannot be used, or nothing without `live`. */
  live?: { url: URL } | { unavailable: 'insecure-url' };
  answerTimeout: number;
  /** Where a signed-out user signs in (`sign-in-url`), absolute; the token endpoint may also name one. */
  signInUrl?: string;
}

export function resolveCallSettings(
  own: ButtonSettings,
  defaults: SpacesCallButtonDefaults,
  baseUri: string,
): { ok: true; settings: CallSettings } | { ok: false; error: CallError } {
  const pick = <K extends keyof ButtonSettings>(key: K): ButtonSettings[K] => own[key] ?? defaults[key];

  const tokenType = String(pick('tokenType') ?? 'jwt').toLowerCase();
  if (tokenType !== 'jwt' && tokenType !== 'bearer') {
    return { ok: false, error: callErrors.badConfig(`token-type must be "jwt" or "bearer", not "${tokenType}"`) };
  }
  const timeout = pick('timeout') ?? DEFAULT_TIMEOUT;
  if (!Number.isFinite(timeout) || timeout <= 0) {
    return { ok: false, error: callErrors.badConfig('timeout must be a positive number of milliseconds') };
  }
  const maxConcurrentCalls = pick('maxConcurrentCalls') ?? DEFAULT_MAX_CONCURRENT_CALLS;
  if (!Number.isInteger(maxConcurrentCalls) || maxConcurrentCalls < 0) {
    return { ok: false, error: callErrors.badConfig('max-concurrent-calls must be a whole number, 0 for no limit') };
  }
  const answerTimeout = pick('answerTimeout') ?? DEFAULT_ANSWER_TIMEOUT;
  if (!Number.isFinite(answerTimeout) || answerTimeout <= 0) {
    return { ok: false, error: callErrors.badConfig('answer-timeout must be a positive number of milliseconds') };
  }
  const environment = (pick('environment') ?? 'production').toLowerCase();
  const explicitBase = pick('apiBase')?.trim();
  if (!explicitBase && !ENVIRONMENTS[environment]) {
    return { ok: false, error: callErrors.badConfig(`environment must be "production" or "staging", not "${environment}"`) };
  }
  let apiBase: string;
  try {
    apiBase = explicitBase ? new URL(explicitBase, baseUri).href : ENVIRONMENTS[environment];
  } catch {
    return { ok: false, error: callErrors.badConfig('api-base is not a valid URL') };
  }
  const live = pick('live') ? liveChannelUrl(pick('socketUrl'), environment, baseUri) : undefined;
  const ownSource = tokenSource(own);
  const pageSource = ownSource ? undefined : tokenSource(defaults);
  const elsewhere = pageSource && settingSendingPageTokenElsewhere(own, defaults, apiBase, live, baseUri);
  if (elsewhere) {
    return { ok: false, error: callErrors.badConfig(`${elsewhere} names another origin than the page’s, and the page’s token is not sent there: give this button its own token, token-url or getToken`) };
  }
  const source = ownSource ?? pageSource ?? {};
  let tokenUrl: string | undefined;
  if (source.tokenUrl) {
    const resolvedUrl = secureUrl(source.tokenUrl, baseUri);
    if (!resolvedUrl.ok) return { ok: false, error: resolvedUrl.error };
    tokenUrl = resolvedUrl.href;
  }
  const signInUrl = pick('signInUrl') && httpUrl(pick('signInUrl')!, baseUri);
  return {
    ok: true,
    settings: {
      apiBase,
      tokenType,
      timeout,
      maxConcurrentCalls,
      ...(source.getToken ? { getToken: source.getToken } : tokenUrl ? { tokenUrl } : source.token ? { token: source.token } : {}),
      ...(signInUrl ? { signInUrl } : {}),
      callType: pick('callType')?.trim() || DEFAULT_CALL_TYPE,
      displayName: pick('displayName') ?? '',
      answerTimeout,
      ...(live ? { live } : {}),
    },
  };
}

/**
 * One level's token source (the button's own, or the page's), in the documented order: `getToken`,
 * then `token-url`, then `token`. `undefined` when that level names none, so the next level applies.
 */
function tokenSource({ getToken, tokenUrl, token }: ButtonSettings): Pick<CallSettings, 'getToken' | 'tokenUrl' | 'token'> | undefined {
  if (getToken) return { getToken };
  if (tokenUrl?.trim()) return { tokenUrl: tokenUrl.trim() };
  return token ? { token } : undefined;
}

/**
 * Which of the button's own settings would send the page's token to an origin that is not the page's: `api-base`,
 * `socket-url` (only when the button follows calls live: otherwise nothing goes there) or `environment`, else
 * `undefined`. The page's token belongs to the page's API and channel, its `api-base` and `socket-url`, else the
 * Spaces origins of its `environment`: a button injected anywhere in the page must not carry it elsewhere with one
 * click. Origins are compared (scheme, host, port), not paths. A button's own `environment` naming another Spaces
 * environment than the page's is another origin too: the page's sign-in gave a token for its own environment, so
 * sending it to the other one would at best fail and at worst hand it to a service the page never chose.
 */
function settingSendingPageTokenElsewhere(
  own: ButtonSettings,
  defaults: SpacesCallButtonDefaults,
  apiBase: string,
  live: CallSettings['live'],
  baseUri: string,
): string | undefined {
  const environment = (defaults.environment ?? 'production').toLowerCase();
  if (originOf(apiBase, baseUri) !== originOf(defaults.apiBase?.trim() || ENVIRONMENTS[environment], baseUri)) {
    return own.apiBase != null ? 'api-base' : 'environment';
  }
  const pageChannel = liveChannelUrl(defaults.socketUrl, environment, baseUri);
  if (live && 'url' in live && live.url.origin !== ('url' in pageChannel && pageChannel.url.origin)) {
    return own.socketUrl != null ? 'socket-url' : 'environment';
  }
}

/** The origin of `url` resolved against the page; `undefined` when it is none. */
function originOf(url: string | undefined, baseUri: string): string | undefined {
  try {
    return url ? new URL(url, baseUri).origin : undefined;
  } catch {
    return undefined;
  }
}

/** An endpoint that may receive or hand out the token: `https:`, or this computer, resolved against the page. */
function secureUrl(value: string, baseUri: string): { ok: true; href: string } | { ok: false; error: CallError } {
  let url: URL;
  try {
    url = new URL(value, baseUri);
  } catch {
    return { ok: false, error: callErrors.badConfig('token-url is not a valid URL') };
  }
  return isSecureOrigin(url) && url.protocol.startsWith('http') ? { ok: true, href: url.href } : { ok: false, error: callErrors.insecureEndpoint(url.origin) };
}

/**
 * The channel URL: `socket-url` (relative to the page, `https:`/`http:` read as `wss:`/`ws:`), else the
 * environment's. Like the API, only `wss:` or this computer; a channel that cannot be used never
 * stops the call, so a bad one is reported with the call's end, not as an error.
 */
function liveChannelUrl(explicit: string | undefined, environment: string, baseUri: string): { url: URL } | { unavailable: 'insecure-url' } {
  try {
    const url = new URL(explicit?.trim() || SOCKET_URLS[environment] || SOCKET_URLS.production, baseUri);
    url.protocol = url.protocol.replace(/^http/, 'ws');
    return isSecureOrigin(url) && url.protocol.startsWith('ws') ? { url } : { unavailable: 'insecure-url' };
  } catch {
    return { unavailable: 'insecure-url' };
  }
}
