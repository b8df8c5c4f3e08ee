// @ts-check
/**
 * `spaces-call-button/token-endpoint`: the server side of `token-url` (Node 20 or later; never in a browser bundle).
 * See docs/tokens.md and this folder's README.md.
 */
export { createTokenEndpoint } from './token-endpoint.js';
export { createMemorySessionStore } from './session-store.js';
export { createRedisSessionStore } from './redis-session-store.js';
export { ACCOUNTS_URLS, ConfigError, DEFAULT_BASE_PATH, DEFAULT_COOKIE_NAME, DEFAULT_SCOPE, normalizeConfig, readConfig } from './config.js';
export { sameOriginPath } from './urls.js';
