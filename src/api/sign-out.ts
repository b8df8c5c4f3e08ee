/**
 * Signing out: `forgetSpacesToken()`. The token cache (token-url.ts) and the live channel (live/live-channel.ts) load
 * with the first call, not with the page, and every copy of the script on a page shares them through the global
 * object: this reaches them there, so the first load carries none of their code and one call forgets for every copy.
 */

/** Where token-url.ts keeps the page's tokens from `token-url`, by URL. */
export const TOKEN_CACHE_KEY = Symbol.for('spaces-call-button.token-url-cache');
/** Where live-channel.ts keeps the page's open live channels, by URL. */
export const LIVE_CHANNELS_KEY = Symbol.for('spaces-call-button.live-channels');

/**
 * Forgets every access token fetched from a `token-url` (a request under way fills nothing afterwards) and closes the
 * live channel: call it when the user signs out, after the host's own sign-out, so that the next click asks the
 * token endpoint again. Tokens the page gives itself (`token`, `getToken`) are the page's to drop.
 */
export function forgetSpacesToken(): void {
  const shared = globalThis as { [TOKEN_CACHE_KEY]?: Map<string, unknown>; [LIVE_CHANNELS_KEY]?: Map<string, { close(): void }> };
  shared[TOKEN_CACHE_KEY]?.clear();
  shared[LIVE_CHANNELS_KEY]?.forEach((channel) => channel.close());
}
