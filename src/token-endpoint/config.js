// @ts-check
/**
 * The token endpoint's configuration: `normalizeConfig` checks what `createTokenEndpoint` is given, `readConfig`
 * reads it from environment variables (for the bin).
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `SPACES_CLIENT_ID` | the id of the OAuth client registered with Avaya Cloud Identity | required |
 * | `SPACES_CLIENT_SECRET` | its secret (kept on the server, never sent to a browser) | required |
 * | `SPACES_REDIRECT_URI` | the registered redirect URI, absolute `https:` (`http:` only on localhost), e.g. `https://crm.example.com/spaces/callback`; its path is the callback route, its origin the site's | required |
 * | `SPACES_ENVIRONMENT` | `production` (`https://accounts.avayacloud.com`) or `staging` (`https://onesnastaging.esna.com`) | this or `SPACES_ACCOUNTS_URL` is required |
 * | `SPACES_ACCOUNTS_URL` | Avaya Cloud Identity's origin, instead of `SPACES_ENVIRONMENT` | |
 * | `SPACES_REVOCATION_URL` | the token revocation endpoint (RFC 7009) that sign-out calls | none: not revoked, and the log says so |
 * | `SPACES_REDIS_URL` | a Redis shared by every instance (`redis://` or `rediss://`) | none: sessions in this process |
 * | `SPACES_ALLOWED_ORIGINS` | comma-separated page origins allowed to call the token and sign-out routes cross-origin; never `*` | none: the redirect URI's origin only |
 * | `SPACES_COOKIE_NAME` | the session cookie's name (`__Host-` is put before it over https) | `spaces_session` |
 * | `SPACES_SCOPE` | the scopes asked for | `email profile spaces` |
 * | `SPACES_BASE_PATH` | where sign-in, token and sign-out are served | `/spaces` |
 * | `SPACES_SIGN_IN_URL` | the `sign_in_url` of the 401 answer | `{redirect URI's origin}{base path}/sign-in` |
 * | `SPACES_SESSION_TTL_S` | how long a session lasts after sign-in, whatever happens | 604800 (7 days) |
 * | `SPACES_IDLE_TIMEOUT_S` | how long it lasts without a token request (sliding) | 28800 (8 hours) |
 * | `PORT`, `HOST` | where it listens: plain HTTP behind the site's TLS proxy (`HOST=0.0.0.0` in a container) | `3000`, `127.0.0.1` |
 */
import { isAbsolute, isSecureOrLoopbackUrl } from './urls.js';

/** Avaya Cloud Identity's origins. */
export const ACCOUNTS_URLS = Object.freeze({
  production: 'https://accounts.avayacloud.com',
  staging: 'https://onesnastaging.esna.com',
});
export const DEFAULT_SCOPE = 'email profile spaces';
export const DEFAULT_COOKIE_NAME = 'spaces_session';
export const DEFAULT_BASE_PATH = '/spaces';

const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * @typedef {{
 *   clientId: string,
 *   clientSecret: string,
 *   redirectUri: string,
 *   accountsUrl?: string,
 *   environment?: 'production' | 'staging',
 *   revocationUrl?: string,
 *   scope?: string,
 *   allowedOrigins?: readonly string[],
 *   cookieName?: string,
 *   cookiePath?: string,
 *   basePath?: string,
 *   signInUrl?: string,
 *   sessionTtlS?: number,
 *   idleTimeoutS?: number,
 *   signInTtlS?: number,
 *   refreshMarginS?: number,
 *   requestTimeoutMs?: number,
 *   dev?: boolean,
 * }} TokenEndpointConfig
 *   clientId, clientSecret: the OAuth client registered with Avaya Cloud Identity;
 *   redirectUri: the registered redirect URI, absolute (`https:`, or `http:` on loopback); its path is the callback
 *     route and its origin is the site's (cookies, the Origin check);
 *   accountsUrl: Avaya Cloud Identity's origin, or `environment` for the known ones (production by default);
 *   revocationUrl: its revocation endpoint; without one, sign-out ends the session here only (and logs so);
 *   scope: `email profile spaces` by default;
 *   allowedOrigins: page origins allowed to call the token and sign-out routes cross-origin with credentials
 *     (none by default: the redirect URI's origin only);
 *   cookieName (`spaces_session`; `__Host-` is prepended over https), cookiePath (`/`; another path only on
 *     plain-http loopback, where the prefix cannot be used);
 *   basePath: where sign-in, token and sign-out are served (`/spaces`);
 *   signInUrl: the `sign_in_url` of the 401 answer (default: `basePath/sign-in`, absolute when the redirect URI is);
 *   sessionTtlS: how long a session lasts after sign-in, whatever happens (7 days);
 *   idleTimeoutS: how long it lasts without a token request (8 hours, sliding);
 *   signInTtlS: how long a sign-in may take (600 s); refreshMarginS: refresh when less is left (60 s);
 *   requestTimeoutMs: for each request to Avaya Cloud Identity (10 s);
 *   dev: allows `redirectUri`, `accountsUrl` and `revocationUrl` to be paths, resolved against each request's own
 *     origin (a dev server whose port is not known in advance). Never in production: the request's Host header
 *     would decide where the client secret is sent.
 */

/**
 * Checks a configuration and fills in the defaults; throws a TypeError naming every problem.
 * @param {TokenEndpointConfig} config
 */
export function normalizeConfig(config) {
  /** @type {string[]} */
  const problems = [];
  const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value.trim() : '');
  const dev = config.dev === true;
  const clientId = text(config.clientId);
  const clientSecret = text(config.clientSecret);
  if (!clientId) problems.push('clientId is missing');
  if (!clientSecret) problems.push('clientSecret is missing');

  /**
   * An absolute https (or loopback http) URL; a path only with `dev`. Undefined (and a problem) when neither.
   * @param {string} name
   * @param {string} value
   */
  const urlOrDevPath = (name, value) => {
    if (value.startsWith('/') && !value.startsWith('//')) {
      if (dev) return new URL(value, 'http://x').pathname;
      problems.push(`${name} must be an absolute URL: a path alone (${value}) is resolved against the request's Host header, which is only safe on a dev server (dev: true)`);
      return undefined;
    }
    if (!isSecureOrLoopbackUrl(value)) {
      problems.push(`${name} must be an https: URL (http: only on localhost)${dev ? ', or a path' : ''}`);
      return undefined;
    }
    const parsed = new URL(value);
    return `${parsed.origin}${parsed.pathname}`;
  };

  const redirectUri = text(config.redirectUri);
  const redirect = redirectUri ? urlOrDevPath('redirectUri', redirectUri) : (problems.push('redirectUri is missing'), undefined);
  const redirectPath = redirect ? new URL(redirect, 'http://x').pathname : '';

  const environment = config.environment ?? 'production';
  let accountsUrl = text(config.accountsUrl);
  if (!accountsUrl) {
    if (!(environment in ACCOUNTS_URLS)) problems.push('environment must be production or staging');
    accountsUrl = ACCOUNTS_URLS[environment] ?? '';
  } else accountsUrl = urlOrDevPath('accountsUrl', accountsUrl) ?? '';
  accountsUrl = accountsUrl.replace(/\/+$/, '');
  const revocation = text(config.revocationUrl);
  const revocationUrl = revocation ? urlOrDevPath('revocationUrl', revocation) ?? '' : '';

  /** @type {Set<string>} */
  const allowedOrigins = new Set();
  for (const origin of config.allowedOrigins ?? []) {
    const value = text(origin);
    if (value === '*') problems.push('allowedOrigins cannot be *: credentials are never shared with any origin');
    else if (!isSecureOrLoopbackUrl(value) || new URL(value).origin !== value.replace(/\/$/, '')) {
      problems.push(`allowedOrigins: “${value}” is not an origin such as https://crm.example.com`);
    } else allowedOrigins.add(new URL(value).origin);
  }

  const cookieName = text(config.cookieName) || DEFAULT_COOKIE_NAME;
  if (!COOKIE_NAME.test(cookieName)) problems.push('cookieName has characters a cookie name cannot have');
  if (/^__(host|secure)-/i.test(cookieName)) problems.push('cookieName is given without a __Host- or __Secure- prefix: the endpoint adds __Host- itself over https');
  const basePath = (text(config.basePath) || DEFAULT_BASE_PATH).replace(/\/+$/, '');
  if (!basePath.startsWith('/')) problems.push('basePath must start with /');
  const cookiePath = text(config.cookiePath) || '/';
  if (!cookiePath.startsWith('/') || /[;\s]/.test(cookiePath)) problems.push('cookiePath must be a path');
  else if (cookiePath !== '/' && redirect && isAbsolute(redirect) && new URL(redirect).protocol === 'https:') {
    problems.push('cookiePath must be / over https: the cookies are __Host- cookies, which a browser keeps only on Path=/');
  }
  const seconds = (/** @type {number | undefined} */ value, /** @type {number} */ fallback, /** @type {string} */ name) => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < 0) problems.push(`${name} must be a number of seconds`);
    return value;
  };
  const normalized = {
    clientId,
    clientSecret,
    redirectUri: redirect ?? '',
    redirectPath,
    accountsUrl,
    revocationUrl,
    scope: text(config.scope) || DEFAULT_SCOPE,
    allowedOrigins,
    cookieName,
    cookiePath,
    basePath,
    signInUrl: text(config.signInUrl),
    sessionTtlS: seconds(config.sessionTtlS, 7 * 24 * 3600, 'sessionTtlS'),
    idleTimeoutS: seconds(config.idleTimeoutS, 8 * 3600, 'idleTimeoutS'),
    signInTtlS: seconds(config.signInTtlS, 600, 'signInTtlS'),
    refreshMarginS: seconds(config.refreshMarginS, 60, 'refreshMarginS'),
    requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
    dev,
  };
  if (problems.length) throw new TypeError(`createTokenEndpoint: ${problems.join('; ')}.`);
  return normalized;
}

/** What each required variable is, for the start-up error. */
export const REQUIRED_VARIABLES = Object.freeze({
  SPACES_CLIENT_ID: 'the client id of the OAuth client registered with Avaya Cloud Identity',
  SPACES_CLIENT_SECRET: 'that client’s secret',
  SPACES_REDIRECT_URI: 'the redirect URI registered for that client, e.g. https://crm.example.com/spaces/callback',
});

/** The start-up error: `problems` has one line per problem, `missing` the names of the missing variables. */
export class ConfigError extends Error {
  /**
   * @param {string[]} problems
   * @param {string[]} missing
   */
  constructor(problems, missing) {
    super(`The Spaces token endpoint cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
    this.missing = missing;
  }
}

/**
 * Reads and checks the configuration; throws a ConfigError that names every missing or wrong variable.
 * @param {Record<string, string | undefined>} env  process.env, or a test's object
 * @returns {TokenEndpointConfig & { port: number, host: string, redisUrl?: string }}
 */
export function readConfig(env) {
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const missing = [];
  const value = (/** @type {string} */ name) => (env[name] ?? '').trim();

  for (const [name, meaning] of Object.entries(REQUIRED_VARIABLES)) {
    if (!value(name)) {
      missing.push(name);
      problems.push(`${name} is not set: ${meaning}.`);
    }
  }
  const environment = value('SPACES_ENVIRONMENT');
  const accountsUrl = value('SPACES_ACCOUNTS_URL');
  if (!environment && !accountsUrl) {
    missing.push('SPACES_ENVIRONMENT');
    problems.push(
      'SPACES_ENVIRONMENT is not set (nor SPACES_ACCOUNTS_URL): which Avaya Cloud Identity to sign in with, ' +
        `production (${ACCOUNTS_URLS.production}) or staging (${ACCOUNTS_URLS.staging}).`,
    );
  } else if (environment && !accountsUrl && !(environment in ACCOUNTS_URLS)) {
    problems.push(`SPACES_ENVIRONMENT is “${environment}”: it must be production or staging (or set SPACES_ACCOUNTS_URL).`);
  }
  for (const name of ['SPACES_ACCOUNTS_URL', 'SPACES_REVOCATION_URL']) {
    if (value(name) && !isSecureOrLoopbackUrl(value(name))) problems.push(`${name} must be an https: URL (http: only on localhost).`);
  }
  const redirectUri = value('SPACES_REDIRECT_URI');
  if (redirectUri && !isSecureOrLoopbackUrl(redirectUri)) {
    problems.push('SPACES_REDIRECT_URI must be an absolute https: URL (http: only on localhost), e.g. https://crm.example.com/spaces/callback.');
  }
  const allowedOrigins = value('SPACES_ALLOWED_ORIGINS')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (origin === '*') problems.push('SPACES_ALLOWED_ORIGINS cannot be *: the token is sent with credentials, so only listed origins may read it.');
    else if (!isSecureOrLoopbackUrl(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      problems.push(`SPACES_ALLOWED_ORIGINS: “${origin}” is not an origin such as https://crm.example.com.`);
    }
  }
  const redisUrl = value('SPACES_REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('SPACES_REDIS_URL must be a redis:// or rediss:// URL.');
  const port = Number(value('PORT') || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be a port number.');
  /** @param {string} name */
  const secondsOf = (name) => {
    const raw = value(name);
    if (!raw) return undefined;
    const seconds = Number(raw);
    if (!(seconds > 0)) problems.push(`${name} must be a number of seconds.`);
    return seconds;
  };
  const sessionTtlS = secondsOf('SPACES_SESSION_TTL_S');
  const idleTimeoutS = secondsOf('SPACES_IDLE_TIMEOUT_S');
  if (problems.length) throw new ConfigError(problems, missing);

  const config = {
    clientId: value('SPACES_CLIENT_ID'),
    clientSecret: value('SPACES_CLIENT_SECRET'),
    redirectUri,
    ...(accountsUrl ? { accountsUrl } : { environment: /** @type {'production' | 'staging'} */ (environment) }),
    revocationUrl: value('SPACES_REVOCATION_URL') || undefined,
    allowedOrigins,
    cookieName: value('SPACES_COOKIE_NAME') || undefined,
    scope: value('SPACES_SCOPE') || undefined,
    basePath: value('SPACES_BASE_PATH') || undefined,
    signInUrl: value('SPACES_SIGN_IN_URL') || undefined,
    sessionTtlS,
    idleTimeoutS,
  };
  try {
    normalizeConfig(config);
  } catch (error) {
    // What only the endpoint checks (a cookie name's characters, a base path): reworded for the variables.
    throw new ConfigError([String(/** @type {Error} */ (error).message).replace(/^createTokenEndpoint: /, '')], []);
  }
  return { ...config, port, host: value('HOST') || '127.0.0.1', ...(redisUrl ? { redisUrl } : {}) };
}
