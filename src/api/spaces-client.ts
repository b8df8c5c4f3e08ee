/**
 * The Avaya Spaces calling API client: one function that places a call.
 *
 * Pure and DOM-free. It never throws and never retries a POST that may have
 * placed a call: the only second attempt follows a 401, which placed nothing.
 */
import ky, { type KyInstance } from 'ky';
import { DEFAULT_TIMEOUT, isSecureOrigin } from './api-defaults.js';
import { DEFAULT_CALL_TYPE } from './call-type.js';
import { callErrors, httpError, type CallError } from './call-error.js';
import { hideSecret, parseJson, readCallIds, readReceivers, readServerMessage, type Receiver } from './call-response.js';
import { obtainToken, TokenProviderError, type TokenProvider, type TokenSources } from './token-source.js';
import { TokenEndpointError, type TokenGrant, type TokenType } from './token-url.js';

export { isSecureOrigin };
export type { TokenProvider, TokenType };

export interface SpacesClientOptions extends TokenSources {
  /** The API origin, such as `https://spacesapis.avayacloud.com`. */
  apiBase: string;
  /** The Authorization scheme. Default `jwt`. */
  tokenType?: TokenType;
  /** Milliseconds before the whole call request is given up. Default 15000. */
  timeout?: number;
}

export interface PlaceCallRequest {
  /** The callee in E.164. */
  address: string;
  /** The callee's `displayname`; the API documents an empty string. */
  displayName?: string;
  /** The `{callType}` path segment. Default `aura`. */
  callType?: string;
  /** Aborting it abandons the request (the element aborts on removal). */
  signal?: AbortSignal;
}

export type CallOutcome =
  | { ok: true; status: number; receivers: Receiver[]; spaceCallId: string; topicId: string; response: unknown }
  | { ok: false; error: CallError };

export interface SpacesClient {
  placeCall(request: PlaceCallRequest): Promise<CallOutcome>;
}

export function createSpacesClient(options: SpacesClientOptions): SpacesClient {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const api: KyInstance = ky.create({
    retry: 0,
    timeout: false, // the deadline below also covers reading the body
    throwHttpErrors: false,
    redirect: 'manual', // a followed redirect could carry the token elsewhere
    credentials: 'omit',
    hooks: {
      beforeRequest: [
        (request, { context }) => {
          const { token, tokenType } = context.grant as TokenGrant;
          request.headers.set('authorization', `${tokenType ?? options.tokenType ?? 'jwt'} ${token}`);
        },
      ],
    },
  });

  async function placeCall({ address, displayName = '', callType = DEFAULT_CALL_TYPE, signal }: PlaceCallRequest): Promise<CallOutcome> {
    const url = endpoint(options.apiBase, callType);
    if (!url) return { ok: false, error: callErrors.badConfig('api-base is not an http(s) URL') };
    if (!isSecureOrigin(url)) return { ok: false, error: callErrors.insecureEndpoint(url.origin) };

    const deadline = AbortSignal.timeout(timeout);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const whyStopped = (): CallError | undefined =>
      signal?.aborted ? callErrors.aborted() : deadline.aborted ? callErrors.timeout(timeout) : undefined;

    const refreshable = Boolean(options.getToken || options.tokenUrl);
    try {
      for (const forceRefresh of [false, true]) {
        if (forceRefresh && !refreshable) break;
        const grant = await raceAbort(obtainToken(options, forceRefresh), combined);
        if (!grant) return { ok: false, error: whyStopped() ?? callErrors.noToken() };
        const response = await api.post(url, {
          json: { callees: [{ address, displayname: displayName }] },
          signal: combined,
          context: { grant },
        });
        if (response.status === 401 && !forceRefresh && refreshable) {
          await response.body?.cancel();
          continue;
        }
        return await readOutcome(response, grant.token);
      }
      return { ok: false, error: httpError({ status: 401 }) };
    } catch (error) {
      if (error instanceof TokenProviderError) return { ok: false, error: callErrors.tokenProviderFailed() };
      if (error instanceof TokenEndpointError) return { ok: false, error: tokenEndpointError(error) };
      return { ok: false, error: whyStopped() ?? callErrors.network() };
    }
  }

  return { placeCall };
}

function endpoint(apiBase: string, callType: string): URL | undefined {
  try {
    const base = new URL(apiBase);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') return undefined;
    const path = `${base.pathname.replace(/\/+$/, '')}/api/spacescalling/${encodeURIComponent(callType)}/call`;
    return new URL(path, base.origin);
  } catch {
    return undefined;
  }
}

function tokenEndpointError({ kind, status, signInUrl }: TokenEndpointError): CallError {
  return kind === 'signed-out' ? callErrors.signedOut(signInUrl) : callErrors.tokenUnavailable(status);
}


/** Stops waiting for a token provider that never answers once the call is aborted or times out. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function readOutcome(response: Response, token: string): Promise<CallOutcome> {
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    return { ok: false, error: callErrors.redirect() };
  }
  const body = await response.text();
  // Deeply nested JSON could overflow the stack while the token is hidden: then it is unreadable.
  let parsed: unknown;
  try {
    parsed = hideSecret(parseJson(body), token);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const serverMessage = readServerMessage(parsed);
    return { ok: false, error: httpError({ status: response.status, serverMessage, retryAfterSeconds: retryAfter(response) }) };
  }
  if (parsed === undefined) return { ok: false, error: callErrors.badResponse(response.status, 'not-json') };
  const receivers = readReceivers(parsed);
  if (!receivers) return { ok: false, error: callErrors.badResponse(response.status, 'no-receivers') };
  return { ok: true, status: response.status, receivers, ...readCallIds(parsed), response: parsed };
}

function retryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
