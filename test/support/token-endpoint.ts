/**
 * A host's token endpoint (`token-url`) that answers as a test says, without a server: `window.fetch` is stubbed
 * for this endpoint's URL only, every other request goes to the real network (the mock Spaces API included).
 * Call `restore()` (or `sinon.restore()`) after each test, and `clearTokenCache()` before it.
 */
import sinon from 'sinon';

/** One answer: made afresh for each request (a body is read once), or the request fails as on a network error. */
export type TokenAnswer = (() => Response | Promise<Response>) | 'network-error';

export interface TokenRequest {
  url: string;
  init: RequestInit;
}

export interface FakeTokenEndpoint {
  url: string;
  /** Every request this endpoint received, oldest first. */
  requests: TokenRequest[];
  /** The answers still to give, in order; the last one is given again for every later request. */
  answers: TokenAnswer[];
}

const endpoints = new Map<string, FakeTokenEndpoint>();
let stub: sinon.SinonStub | undefined;

/** A JSON answer with `status`. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): TokenAnswer {
  return () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A text answer with `status`. */
export function text(body: string, status = 200): TokenAnswer {
  return () => new Response(body, { status, headers: { 'content-type': 'text/plain' } });
}

/** A new endpoint under an address no other test uses; it gives `answers` in order, then the last one again. */
export function fakeTokenEndpoint(...answers: TokenAnswer[]): FakeTokenEndpoint {
  const endpoint: FakeTokenEndpoint = { url: `https://sso.crm.example.com/${crypto.randomUUID()}/spaces/token`, requests: [], answers };
  endpoints.set(endpoint.url, endpoint);
  stubFetch();
  return endpoint;
}

/** The page-wide token cache, emptied: every test starts signed in afresh. */
export function clearTokenCache(): void {
  (globalThis as { [key: symbol]: Map<string, unknown> | undefined })[Symbol.for('spaces-call-button.token-url-cache')]?.clear();
}

export function restore(): void {
  endpoints.clear();
  if (stub && 'restore' in window.fetch) stub.restore();
  stub = undefined;
}

function stubFetch(): void {
  if (stub && 'restore' in window.fetch) return;
  const realFetch = window.fetch.bind(window);
  stub = sinon.stub(window, 'fetch').callsFake(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const endpoint = endpoints.get(url);
    if (!endpoint) return realFetch(input, init);
    endpoint.requests.push({ url, init: init ?? {} });
    const answer = endpoint.answers.length > 1 ? endpoint.answers.shift()! : endpoint.answers[0];
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer();
  });
}
