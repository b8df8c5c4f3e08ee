/**
 * Where a call's token comes from, in the order resolved by call-settings.ts: the page's provider
 * (`getToken`), else the host's endpoint (`token-url`), else a fixed token. Shared by the API client
 * and the live channel.
 */
import { tokenFromUrl, type TokenGrant } from './token-url.js';

/** Supplies the access token; `forceRefresh` is true after the API rejected the previous one. */
export type TokenProvider = (options: { forceRefresh: boolean }) => string | Promise<string>;

/** A call's token sources, of which the first one given is used. */
export interface TokenSources {
  /** The recommended token source: asked before each call, and once more with `forceRefresh` after a 401. */
  getToken?: TokenProvider;
  /** The host's token endpoint (see token-url.ts); used when there is no `getToken`. */
  tokenUrl?: string;
  /** A fixed token. Ignored when `getToken` is given. */
  token?: string;
}

/** The page's token provider threw or rejected. */
export class TokenProviderError extends Error {}

/**
 * The token for one attempt, by the precedence resolved in call-settings.ts: the provider, else the
 * host's endpoint, else the fixed token. `undefined` when there is none.
 */
export async function obtainToken(options: TokenSources, forceRefresh: boolean): Promise<TokenGrant | undefined> {
  if (options.getToken) {
    let token: unknown;
    try {
      token = await options.getToken({ forceRefresh });
    } catch {
      throw new TokenProviderError();
    }
    return typeof token === 'string' && token.trim() ? { token: token.trim() } : undefined;
  }
  if (options.tokenUrl) return tokenFromUrl(options.tokenUrl, forceRefresh);
  const token = options.token?.trim();
  return token ? { token } : undefined;
}
