/**
 * Where a call's token comes from, in the order resolved by call-settings.ts: the page's provider
 * (`getToken`), else the host's endpoint (`token-url`), else a fixed token. Shared by the API client
 * and the live channel.
 */
import type { SpacesClientOptions } from './spaces-client.js';
import { tokenFromUrl, type TokenGrant } from './token-url.js';

/** The page's token provider threw or rejected. */
export class TokenProviderError extends Error {}

/**
 * The token for one attempt, by the precedence resolved in call-settings.ts: the provider, else the
 * host's endpoint, else the fixed token. `undefined` when there is none.
 */
export async function obtainToken(options: Pick<SpacesClientOptions, 'getToken' | 'tokenUrl' | 'token'>, forceRefresh: boolean): Promise<TokenGrant | undefined> {
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
