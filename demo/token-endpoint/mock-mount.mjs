// @ts-check
/**
 * The reference token endpoint wired to the mock Avaya Cloud Identity on the same server: what `npm start`
 * (vite.config.ts) and the browser tests (web-test-runner.config.mjs) mount. Not for production.
 *
 * - `/spaces/{sign-in,callback,signed-in,token,sign-out}`: against the mock accounts at the root (`/oauth2/*`), client
 *   `mock-client`, redirect URI `{this origin}/spaces/callback`, cookie `spaces_session` (Path=/).
 * - `/mock/<session>/spaces/…`: one endpoint per session (created on first use), against the accounts under
 *   `/mock/<session>/oauth2/*` and on that session's clock (`POST /mock/<session>/__accounts/clock`), with its
 *   own session store and cookie (`spaces_session_<session>`, Path=/mock/<session>/spaces): a test that picks a
 *   fresh session starts signed out, whatever other tests did.
 * - `GET {…}/spaces/__log`: the requests the endpoint answered (method, path without query, status, origin), for
 *   tests counting token requests; `DELETE` empties it.
 */
import { MOCK_CLIENT_ID, MOCK_CLIENT_SECRET } from '../mock-accounts.js';
import { createTokenEndpoint } from '../../src/token-endpoint/token-endpoint.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {{ at: string, method: string, path: string, status?: number, origin: string | null }} EndpointLogEntry */

const PATH = /^(?:\/mock\/([\w-]{1,64}))?\/spaces\/(__log|[\w-]+)$/;
const MAX_SESSIONS = 1000;
const MAX_LOG = 2000;

/**
 * @param {{ now(session?: string): number }} accounts  the mock accounts (createMockSpacesApi(…).accounts)
 * @param {{ log?: (line: string) => void }} [options]  log: the endpoints' log lines (silent by default)
 */
export function mountTokenEndpointOnMock(accounts, { log } = {}) {
  /** @type {Map<string, { endpoint: ReturnType<typeof createTokenEndpoint>, requests: EndpointLogEntry[] }>} */
  const mounts = new Map();

  /** @param {string} session */
  function mount(session) {
    let found = mounts.get(session);
    if (found) return found;
    const base = session ? `/mock/${session}` : '';
    const endpoint = createTokenEndpoint(
      {
        clientId: MOCK_CLIENT_ID,
        clientSecret: MOCK_CLIENT_SECRET,
        redirectUri: `${base}/spaces/callback`,
        accountsUrl: base || '/',
        revocationUrl: `${base}/oauth2/revoke`,
        basePath: `${base}/spaces`,
        cookieName: session ? `spaces_session_${session}` : undefined,
        cookiePath: session ? `${base}/spaces` : '/',
        dev: true, // paths, resolved against the dev server's own origin (its port is not known in advance)
      },
      { now: () => accounts.now(session), log: log && ((line) => log(`${base}/spaces ${line}`)) },
    );
    if (mounts.size >= MAX_SESSIONS) mounts.delete(/** @type {string} */ (mounts.keys().next().value));
    found = { endpoint, requests: [] };
    mounts.set(session, found);
    return found;
  }

  /**
   * Serves the request if it is one of the endpoints'; returns false to let the host server go on.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const match = PATH.exec(path);
    if (!match) return false;
    const session = match[1] ?? '';
    if (match[2] === '__log') {
      const requests = mounts.get(session)?.requests ?? [];
      if (req.method === 'DELETE') requests.length = 0;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(requests));
      return true;
    }
    const { endpoint, requests } = mount(session);
    /** @type {EndpointLogEntry} */
    const entry = { at: new Date().toISOString(), method: req.method ?? '', path, origin: req.headers.origin ?? null };
    if (!endpoint.handle(req, res)) return false;
    requests.push(entry);
    if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
    res.once('finish', () => (entry.status = res.statusCode));
    return true;
  }

  return { handle };
}
