/**
 * Tokens from the host's own endpoint (`token-url`): `GET` with the page's cookies, answering
 * `{ access_token | token, token_type?, expires_in? }`. One cache for the page, shared by every button
 * and every copy of the script, in memory only, until 60 s before the token expires; one request in
 * flight however many buttons ask. The endpoint's body is never shown: it could hold a secret.
 */
import { TOKEN_CACHE_KEY } from './sign-out.js';

/** The `Authorization` scheme: `jwt <token>` or `bearer <token>`. */
export type TokenType = 'jwt' | 'bearer';

export interface TokenGrant {
  token: string;
  /** From the endpoint's `token_type`; the button's `token-type` otherwise. */
  tokenType?: TokenType;
}

/** Why the endpoint gave no token: the user is signed out (401/403), or it failed otherwise. */
export class TokenEndpointError extends Error {
  constructor(
    readonly kind: 'signed-out' | 'token-unavailable',
    /** The endpoint's HTTP status, when it answered. */
    readonly status?: number,
    /** Where to sign in, from the endpoint's JSON error (`sign_in_url`), http(s) only. */
    readonly signInUrl?: string,
  ) {
    super(kind);
  }
}

interface CacheEntry {
  grant?: TokenGrant;
  /** When the cached grant stops being used (60 s before it expires). */
  usableUntil: number;
  inFlight?: Promise<TokenGrant>;
}

/** Seconds before expiry at which a cached token is no longer handed out. */
const EXPIRY_MARGIN_S = 60;
const MAX_TOKEN_LENGTH = 16_384;

// Emptied by forgetSpacesToken (sign-out.ts): a request under way then fills an entry that is no longer in it.
const cache: Map<string, CacheEntry> = ((globalThis as { [TOKEN_CACHE_KEY]?: Map<string, CacheEntry> })[TOKEN_CACHE_KEY] ??= new Map());

/**
 * The token from `url`. `forceRefresh` (after the API refused the last one) drops the cached token;
 * a request already under way is shared either way.
 */
export function tokenFromUrl(url: string, forceRefresh: boolean): Promise<TokenGrant> {
  let entry = cache.get(url);
  if (!entry) cache.set(url, (entry = { usableUntil: 0 }));
  if (entry.inFlight) return entry.inFlight;
  if (!forceRefresh && entry.grant && Date.now() < entry.usableUntil) return Promise.resolve(entry.grant);
  entry.grant = undefined;
  const request = fetchToken(url).then(
    ({ grant, expiresIn }) => {
      entry.inFlight = undefined;
      if (expiresIn !== undefined) {
        entry.grant = grant;
        entry.usableUntil = Date.now() + (expiresIn - EXPIRY_MARGIN_S) * 1000;
      }
      return grant;
    },
    (error: unknown) => {
      entry.inFlight = undefined;
      throw error;
    },
  );
  return (entry.inFlight = request);
}

async function fetchToken(url: string): Promise<{ grant: TokenGrant; expiresIn?: number }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'include', headers: { accept: 'application/json' }, cache: 'no-store', redirect: 'manual' });
  } catch {
    throw new TokenEndpointError('token-unavailable');
  }
  // A redirect is the endpoint sending the user to sign in.
  if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
    throw new TokenEndpointError('signed-out', response.status || undefined, signInUrlOf(await readJson(response), url));
  }
  const body = response.ok ? await readJson(response) : undefined;
  const token = field(body, 'access_token') ?? field(body, 'token');
  if (!response.ok || typeof token !== 'string' || !token.trim() || token.length > MAX_TOKEN_LENGTH) {
    throw new TokenEndpointError('token-unavailable', response.status);
  }
  const type = String(field(body, 'token_type') ?? '').toLowerCase();
  const expiresIn = field(body, 'expires_in');
  return {
    grant: { token: token.trim(), ...(type === 'bearer' || type === 'jwt' ? { tokenType: type } : {}) },
    ...(typeof expiresIn === 'number' && expiresIn > EXPIRY_MARGIN_S ? { expiresIn } : {}),
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function field(body: unknown, key: string): unknown {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, key) ? (body as Record<string, unknown>)[key] : undefined;
}

function signInUrlOf(body: unknown, base: string): string | undefined {
  const value = field(body, 'sign_in_url');
  if (typeof value !== 'string') return undefined;
  return httpUrl(value, base);
}

/** `value` as an absolute http(s) URL, resolved against `base`; never a `javascript:` or other scheme. */
export function httpUrl(value: string, base: string): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
