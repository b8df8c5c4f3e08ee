// @ts-check
/**
 * The mock Avaya Spaces calling API, served by the dev server (`npm start`) and the tests.
 *
 * It follows ../shared/spaces-api/aura-call.seed.txt: `POST {base}/api/spacescalling/{callType}/call`
 * with `Authorization: jwt|bearer <token>` and `{"callees":[{"address":"+E164","displayname":""}]}`,
 * answering with the reference's success shape. Failures are reached, like a payment provider's test
 * cards, by calling reserved fictional numbers (Ofcom's drama range 020 7946 09xx) or by the
 * reserved token `mock-expired-token`.
 *
 * Mounted at the root, or under `/mock/<session>/` so that each test reads its own request log at
 * `GET {base}/__log` (`DELETE` empties it).
 *
 * `attach(httpServer)` adds the real-time channel (mock-spaces-realtime.js), which plays each successful
 * call's scenario; its log is at `GET {base}/__realtime`.
 *
 * It also serves Avaya Cloud Identity's two OAuth2 endpoints (mock-accounts.js) at `{base}/oauth2/*`; the
 * access tokens they issue are accepted as `bearer` until they expire, then refused (401) here and by the channel.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createMockAccounts } from './mock-accounts.js';
import { createMockRealtime } from './mock-spaces-realtime.js';
import { readBody } from './read-body.js';

export { DEFAULT_REALTIME_SCENARIO, REALTIME_SCENARIOS } from './mock-spaces-realtime.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/**
 * @typedef {{ status: number, message?: string, headers?: Record<string, string>, body?: string }} Failure
 * @typedef {{ number: string, name: string, description: string, failure?: Failure, delay?: 'slow', drop?: true }} Scenario
 * @typedef {{ session: string, callType: string, scheme: string, token: string, contentType: string, callees: unknown, scenario: string, at: string, answer?: number | 'dropped' | 'client-gone' }} LogEntry
 */

/** Tokens that the mock treats as expired (401) whatever number is called. */
export const EXPIRED_TOKEN = 'mock-expired-token';

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    number: '+442079460900',
    name: 'no-license',
    description: '403: the caller lacks the Aura calling license',
    failure: { status: 403, message: 'The caller does not have the license required for Aura calling.' },
  },
  {
    number: '+442079460901',
    name: 'billing-country',
    description: '403: the caller’s billing country is not whitelisted',
    failure: { status: 403, message: 'The caller’s billing country is not whitelisted for Aura calling.' },
  },
  {
    number: '+442079460902',
    name: 'not-opted-in',
    description: '403: the caller has not opted in',
    failure: { status: 403, message: 'The caller has not opted in to Aura calling.' },
  },
  {
    number: '+442079460903',
    name: 'token-expired',
    description: '401: the token has expired (also after a refresh)',
    failure: { status: 401, message: 'Token expired.' },
  },
  {
    number: '+442079460904',
    name: 'rate-limited',
    description: '429 with `Retry-After: 30`',
    failure: { status: 429, message: 'Rate limit exceeded.', headers: { 'retry-after': '30' } },
  },
  { number: '+442079460905', name: 'server-error', description: '500 with a JSON message', failure: { status: 500, message: 'Internal error.' } },
  {
    number: '+442079460906',
    name: 'unavailable',
    description: '503 with an HTML body and no message',
    failure: { status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' },
  },
  { number: '+442079460907', name: 'slow', description: 'answers after `slowMs` (20 s: longer than the default timeout)', delay: 'slow' },
  {
    number: '+442079460908',
    name: 'malformed',
    description: '200 whose body is not JSON',
    failure: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"category": "space.call.offer.sent", ' },
  },
  {
    number: '+442079460909',
    name: 'no-receivers',
    description: '200 JSON without a `receivers` array',
    failure: { status: 200, body: JSON.stringify({ category: 'space.call.offer.sent' }) },
  },
  { number: '+442079460910', name: 'dropped', description: 'the connection is cut in the middle of the answer', drop: true },
];

const CALL_PATH = /^(?:\/mock\/([\w-]{1,64}))?\/api\/spacescalling\/([^/]+)\/call$/;
const LOG_PATH = /^(?:\/mock\/([\w-]{1,64}))?\/__log$/;
const API_PATH = /^(?:\/mock\/[\w-]{1,64})?\/api\//;
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 64 * 1024;

/**
 * @param {{ latencyMs?: number, slowMs?: number, realtime?: Partial<import('./mock-spaces-realtime.js').Delays>,
 *   accounts?: Parameters<typeof createMockAccounts>[0] }} [options]
 *   latencyMs: added to every answer (the demo uses it so "Placing call…" can be seen);
 *   slowMs: how long the `slow` scenario waits;
 *   realtime: the real-time scenarios' delays (see mock-spaces-realtime.js);
 *   accounts: the mock accounts' clients, token lifetime and clock (see mock-accounts.js).
 */
export function createMockSpacesApi({ latencyMs = 0, slowMs = 20_000, realtime: delays = {}, accounts: accountsOptions } = {}) {
  /** @type {Map<string, LogEntry[]>} */
  const logs = new Map();
  const accounts = createMockAccounts(accountsOptions);
  const realtime = createMockRealtime({ ...delays, isRefusedToken: (token) => token === EXPIRED_TOKEN || accounts.refusal(token) !== '' });

  /**
   * Serves the request if it is the mock's; returns false to let the host server go on.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    if (realtime.handle(req, res) || accounts.handle(req, res)) return true;
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const logMatch = LOG_PATH.exec(path);
    if (logMatch) {
      const session = logMatch[1] ?? '';
      if (req.method === 'DELETE') logs.delete(session);
      send(res, 200, logs.get(session) ?? []);
      return true;
    }
    if (!API_PATH.test(path)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders(),
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    const call = CALL_PATH.exec(path);
    if (!call || !/^(aura|spaces)$/i.test(safeDecode(call[2]))) {
      send(res, 404, { message: 'Not found.' });
      return true;
    }
    if (req.method !== 'POST') {
      send(res, 405, { message: 'Method not allowed.' }, { allow: 'POST' });
      return true;
    }
    void answerCall(req, res, call[1] ?? '', safeDecode(call[2]));
    return true;
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {string} session
   * @param {string} callType
   */
  async function answerCall(req, res, session, callType) {
    const body = await readBody(req, MAX_BODY);
    const auth = /^(jwt|bearer) (\S+)$/i.exec(req.headers.authorization ?? '');
    const callees = parseCallees(body);
    const scenario = callees && SCENARIOS.find((s) => callees.some((callee) => callee.address === s.number));
    const log = logs.get(session) ?? [];
    logs.set(session, log);
    /** @type {LogEntry} */
    const entry = {
      session,
      callType,
      scheme: auth?.[1] ?? '',
      token: auth?.[2] ?? '',
      contentType: req.headers['content-type'] ?? '',
      callees: callees ?? body,
      scenario: scenario?.name ?? (callees ? 'success' : 'bad-request'),
      at: new Date().toISOString(),
    };
    log.push(entry);
    res.once('close', () => (entry.answer ??= res.writableFinished ? res.statusCode : 'client-gone'));

    await sleep(scenario?.delay === 'slow' ? slowMs : latencyMs, res);
    if (res.destroyed) return;
    if (!auth) return send(res, 401, { message: 'Missing or malformed Authorization header.' });
    if (auth[2] === EXPIRED_TOKEN) return send(res, 401, { message: 'Token expired.' });
    const refused = accounts.refusal(auth[2], auth[1]);
    if (refused) return send(res, 401, { message: refused });
    if (!callees) {
      return send(res, 400, { message: 'The body must be {"callees":[{"address":"+E.164","displayname":""}]}.' });
    }
    if (scenario?.drop) {
      // Cut mid-body: a connection closed before any byte would make Chromium resend the POST by itself
      // when the socket was a reused keep-alive one, which a real server's crash cannot rely on either.
      entry.answer = 'dropped';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096', ...corsHeaders() });
      res.write('{"category": "space.call.offer.sent", "receivers": [');
      return void setTimeout(() => res.socket?.destroy(), 20);
    }
    const failure = scenario?.failure;
    if (failure) {
      return send(res, failure.status, failure.body ?? { message: failure.message }, failure.headers);
    }
    const answer = successBody(callees, callType);
    send(res, 200, answer);
    realtime.callPlaced({ token: auth[2], callType, answer });
  }

  return { handle, attach: realtime.attach, close: realtime.close, realtime, accounts };
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} body  a string is sent as it is, anything else as JSON
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...corsHeaders(), ...headers });
  res.end(text);
}

function corsHeaders() {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after' };
}

/** @param {string} text */
function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The callees of a body that has the documented shape, or undefined.
 * @param {string} body
 * @returns {{ address: string, displayname: string }[] | undefined}
 */
function parseCallees(body) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const callees = parsed?.callees;
  const valid =
    Array.isArray(callees) &&
    callees.length > 0 &&
    callees.every((c) => c && typeof c.address === 'string' && E164.test(c.address) && typeof c.displayname === 'string');
  return valid ? callees : undefined;
}

/**
 * Waits, but stops early when the client goes away.
 * @param {number} ms
 * @param {Response} res
 */
function sleep(ms, res) {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** @param {number} bytes */
const hexId = (bytes) => randomBytes(bytes).toString('hex');

/**
 * The reference's example answer, with receivers built from the callees and fresh ids.
 * @param {{ address: string, displayname: string }[]} callees
 * @param {string} callType
 */
function successBody(callees, callType) {
  const picture = 'https://accounts.zang.io/norevimages/noimage.jpg';
  return {
    category: 'space.call.offer.sent',
    content: { mediaSession: { id: hexId(20), token: Buffer.from(`mock-media-session-${hexId(8)}`).toString('base64') } },
    conversationId: randomUUID(),
    created: new Date().toISOString(),
    receivers: callees.map((callee) => ({
      _id: hexId(12),
      address: callee.address,
      callingDetails: { callStatus: 'calling', isCaller: false },
      displayname: callee.displayname || callee.address,
      picture_url: picture,
      type: callType.toLowerCase(),
      username: callee.address,
    })),
    sender: {
      _id: 'mock-caller-user-id',
      address: '+442079460000',
      aType: 'user',
      callingDetails: { callStatus: 'calling', isCaller: true },
      displayname: 'Mock Caller',
      endpointId: 'mock-caller-user-id',
      ndbid: 'mock-ndbid',
      picture_url: picture,
      type: 'user',
      username: 'mock.caller@example.com',
    },
    spaceCallId: hexId(12),
    topicId: hexId(12),
    topicTitle: '',
  };
}
