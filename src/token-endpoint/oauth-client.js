// @ts-check
/**
 * The OAuth 2.0 steps with Avaya Cloud Identity, through oauth4webapi: the authorization URL with PKCE (S256), the
 * code exchange, the refresh and the revocation, the client authenticated with `client_secret_post` (the secret in
 * the form body, as Avaya Cloud Identity documents). Every answer comes back as a value, never as a throw, so the
 * endpoint can tell "signed out" (the grant was refused) from "try again later" (network, 5xx, a malformed answer).
 */
import * as oauth from 'oauth4webapi';

/**
 * @typedef {{ ok: true, accessToken: string, refreshToken: string, expiresIn: number }
 *   | { ok: false, definitive: boolean, status: number, error: string }} GrantAnswer
 *   definitive: the grant itself was refused (RFC 6749 §5.2: 400, 401, 403): signing in again is the way out.
 */

/** An OAuth error code as it may be logged and shown: short, and nothing but a code's characters. */
const ERROR_CODE = /^[\w.-]{1,64}$/;
/** The largest answer read from Avaya Cloud Identity: a token answer is far smaller. */
const MAX_ANSWER = 64 * 1024;
/** `expires_in` when the answer has none (Avaya Cloud Identity's tokens last about an hour). */
const DEFAULT_EXPIRES_IN_S = 3599;

/**
 * @param {{
 *   accounts: { authorize: URL, token: URL, revocation?: URL },
 *   clientId: string,
 *   clientSecret: string,
 *   fetch: typeof globalThis.fetch,
 *   timeoutMs: number,
 * }} options  the endpoints are absolute; `http:` is accepted only where the caller checked it is this computer
 */
export function createOAuthClient({ accounts, clientId, clientSecret, fetch, timeoutMs }) {
  /** @type {oauth.AuthorizationServer} */
  const server = {
    issuer: accounts.authorize.origin,
    authorization_endpoint: accounts.authorize.href,
    token_endpoint: accounts.token.href,
    ...(accounts.revocation ? { revocation_endpoint: accounts.revocation.href } : {}),
  };
  /** @type {oauth.Client} */
  const client = { client_id: clientId };
  const auth = oauth.ClientSecretPost(clientSecret);
  const options = () => ({
    [oauth.customFetch]: limitedFetch(fetch),
    [oauth.allowInsecureRequests]: accounts.token.protocol === 'http:',
    signal: AbortSignal.timeout(timeoutMs),
  });

  return {
    /** A fresh PKCE verifier and state, for one sign-in attempt. */
    newAttempt: () => ({ state: oauth.generateRandomState(), verifier: oauth.generateRandomCodeVerifier() }),

    /**
     * Where the browser goes to sign in.
     * @param {{ redirectUri: string, scope: string, state: string, verifier: string }} attempt
     */
    async authorizationUrl({ redirectUri, scope, state, verifier }) {
      const url = new URL(server.authorization_endpoint ?? '');
      const params = {
        client_id: clientId,
        redirect_uri: redirectUri,
        scope,
        response_type: 'code',
        access_type: 'offline', // Avaya Cloud Identity issues a refresh token only when asked this way
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      };
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return url;
    },

    /**
     * Exchanges the callback's code. `callback` holds the redirect's query; `state` is the one this browser started.
     * @param {URLSearchParams} callback
     * @param {{ redirectUri: string, state: string, verifier: string }} attempt
     * @returns {Promise<GrantAnswer>}
     */
    exchangeCode(callback, { redirectUri, state, verifier }) {
      return answerOf(async () => {
        const params = oauth.validateAuthResponse(server, client, callback, state);
        const response = await oauth.authorizationCodeGrantRequest(server, client, auth, params, redirectUri, verifier, options());
        return oauth.processAuthorizationCodeResponse(server, client, response);
      });
    },

    /** @param {string} refreshToken @returns {Promise<GrantAnswer>} */
    refresh(refreshToken) {
      return answerOf(async () => {
        const response = await oauth.refreshTokenGrantRequest(server, client, auth, refreshToken, options());
        return oauth.processRefreshTokenResponse(server, client, response);
      });
    },

    /** Whether revocation is configured. */
    canRevoke: Boolean(accounts.revocation),

    /**
     * Revokes a refresh token (RFC 7009); resolves to what happened, for the log.
     * @param {string} refreshToken
     * @returns {Promise<'revoked' | 'failed'>}
     */
    async revoke(refreshToken) {
      try {
        const response = await oauth.revocationRequest(server, client, auth, refreshToken, {
          ...options(),
          additionalParameters: { token_type_hint: 'refresh_token' },
        });
        await oauth.processRevocationResponse(response);
        return 'revoked';
      } catch {
        return 'failed';
      }
    },
  };
}

/**
 * @param {() => Promise<oauth.TokenEndpointResponse>} step
 * @returns {Promise<GrantAnswer>}
 */
async function answerOf(step) {
  try {
    const answer = await step();
    return {
      ok: true,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? '',
      expiresIn: typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : DEFAULT_EXPIRES_IN_S,
    };
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError) {
      const code = error instanceof oauth.ResponseBodyError ? error.error : error.cause[0]?.parameters.error;
      const status = error.status;
      return { ok: false, definitive: status === 400 || status === 401 || status === 403, status, error: code && ERROR_CODE.test(code) ? code : 'http_error' };
    }
    if (error instanceof oauth.OperationProcessingError) {
      const status = error.cause instanceof Response ? error.cause.status : 0;
      // A 4xx without an OAuth error body is still a refusal; anything else unexpected is worth another try.
      return { ok: false, definitive: status === 400 || status === 401 || status === 403, status, error: status ? 'http_error' : 'invalid_answer' };
    }
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, definitive: false, status: 0, error: timedOut ? 'timeout' : 'network' };
  }
}

/**
 * `fetch` that gives up on an answer larger than MAX_ANSWER (a token answer is far smaller).
 * @param {typeof globalThis.fetch} fetch
 * @returns {typeof globalThis.fetch}
 */
function limitedFetch(fetch) {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_ANSWER) {
      await response.body?.cancel();
      throw new TypeError('answer too large');
    }
    const body = await response.arrayBuffer();
    if (body.byteLength > MAX_ANSWER) throw new TypeError('answer too large');
    return new Response(response.status === 204 || response.status === 304 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
