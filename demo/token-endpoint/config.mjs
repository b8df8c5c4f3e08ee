// @ts-check
/**
 * The token endpoint's configuration from environment variables (server.mjs reads process.env with it).
 *
 * | variable | |
 * |---|---|
 * | `SPACES_CLIENT_ID` | required: the OAuth client registered with Avaya Cloud Identity |
 * | `SPACES_CLIENT_SECRET` | required: its secret (never sent to a browser) |
 * | `SPACES_REDIRECT_URI` | required: the registered redirect URI, e.g. `https://crm.example.com/spaces/callback` |
 * | `SPACES_ENVIRONMENT` or `SPACES_ACCOUNTS_URL` | one required: `production` / `staging`, or Avaya Cloud Identity's origin |
 * | `SPACES_ALLOWED_ORIGINS` | comma-separated page origins allowed cross-origin (none by default) |
 * | `SPACES_COOKIE_NAME` | `spaces_session` |
 * | `SPACES_SCOPE` | `email profile spaces` |
 * | `SPACES_BASE_PATH` | `/spaces` |
 * | `SPACES_SIGN_IN_URL` | the `sign_in_url` of the 401 answer (default: `{redirect URI's origin}{base path}/sign-in`) |
 * | `SPACES_SESSION_TTL_S` | 2592000 (30 days after sign-in) |
 * | `PORT`, `HOST` | 3000, 127.0.0.1 (behind a TLS-terminating proxy; `HOST=0.0.0.0` in a container) |
 */
import { ACCOUNTS_URLS, normalizeConfig } from './token-endpoint.mjs';

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
 * @returns {import('./token-endpoint.mjs').TokenEndpointConfig & { port: number, host: string }}
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
  if (accountsUrl && !isUrl(accountsUrl)) problems.push('SPACES_ACCOUNTS_URL must be an https: URL (http: only on localhost).');
  const redirectUri = value('SPACES_REDIRECT_URI');
  if (redirectUri && !isUrl(redirectUri)) {
    problems.push('SPACES_REDIRECT_URI must be an absolute https: URL (http: only on localhost), e.g. https://crm.example.com/spaces/callback.');
  }
  const allowedOrigins = value('SPACES_ALLOWED_ORIGINS')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (origin === '*') problems.push('SPACES_ALLOWED_ORIGINS cannot be *: the token is sent with credentials, so only listed origins may read it.');
    else if (!isUrl(origin) || new URL(origin).origin !== origin.replace(/\/$/, '')) {
      problems.push(`SPACES_ALLOWED_ORIGINS: “${origin}” is not an origin such as https://crm.example.com.`);
    }
  }
  const port = Number(value('PORT') || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be a port number.');
  const sessionTtl = value('SPACES_SESSION_TTL_S');
  const sessionTtlS = sessionTtl ? Number(sessionTtl) : undefined;
  if (sessionTtlS !== undefined && !(sessionTtlS > 0)) problems.push('SPACES_SESSION_TTL_S must be a number of seconds.');
  if (problems.length) throw new ConfigError(problems, missing);

  const config = {
    clientId: value('SPACES_CLIENT_ID'),
    clientSecret: value('SPACES_CLIENT_SECRET'),
    redirectUri,
    ...(accountsUrl ? { accountsUrl } : { environment: /** @type {'production' | 'staging'} */ (environment) }),
    allowedOrigins,
    cookieName: value('SPACES_COOKIE_NAME') || undefined,
    scope: value('SPACES_SCOPE') || undefined,
    basePath: value('SPACES_BASE_PATH') || undefined,
    signInUrl: value('SPACES_SIGN_IN_URL') || undefined,
    sessionTtlS,
  };
  try {
    normalizeConfig(config);
  } catch (error) {
    // What only the endpoint checks (a cookie name's characters, a base path): reworded for the variables.
    throw new ConfigError([String(/** @type {Error} */ (error).message).replace(/^createTokenEndpoint: /, '')], []);
  }
  return { ...config, port, host: value('HOST') || '127.0.0.1' };
}

/** @param {string} text */
function isUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname));
  } catch {
    return false;
  }
}
