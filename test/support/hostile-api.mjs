// @ts-check
/**
 * A deliberately badly behaved Spaces API for the hardening tests (issue #5): it answers
 * `POST /hostile/<session>/<case>[/<arg>]/api/spacescalling/<callType>/call` the way `<case>` says —
 * broken bodies, odd statuses, redirects, stalls, resets, huge answers — over real HTTP.
 *
 * Every request it receives (any method) is logged per session, with whether an Authorization
 * header came along, and how the exchange ended; `GET /hostile/<session>/__log` returns the log.
 * `GET /hostile/__closed-port` returns a loopback port that nothing listens on.
 *
 * The answers are CORS-open on purpose, so that a client that wrongly followed a cross-origin
 * redirect would really deliver its token and the test would see it.
 */
import { createServer } from 'node:net';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/**
 * @typedef {{ session: string, case: string, arg: string, method: string, path: string, authorization: string | null,
 *   body: string, answer?: number | 'reset' | 'client-gone' | 'stalled', ended?: 'finished' | 'client-gone' }} HostileLogEntry
 * @typedef {{ req: Request, res: Response, arg: string, session: string, entry: HostileLogEntry, address: string, token: string }} CaseContext
 */

const CALL_PATH = /^\/hostile\/([\w-]{1,64})\/([\w-]{1,64})(?:\/([\w.%-]{1,64}))?\/api\/spacescalling\/([^/]+)\/call$/;
const LOG_PATH = /^\/hostile\/([\w-]{1,64})\/__log$/;
const MB = 1024 * 1024;

export const HOSTILE_MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

/** @param {string} address */
const calleeReceiver = (address) => ({ address, displayname: '', callingDetails: { callStatus: 'calling', isCaller: false } });
/** @param {string} address */
const successBody = (address) => JSON.stringify({ category: 'space.call.offer.sent', receivers: [calleeReceiver(address)] });

/**
 * Answers with a fixed status, content type and body, whatever was asked.
 * @type {Record<string, (address: string) => { status?: number, type?: string | null, body: string | Buffer }>}
 */
const BODIES = {
  empty: () => ({ body: '' }),
  'not-json': () => ({ type: 'text/plain', body: 'Call accepted, thank you!' }),
  'truncated-json': (a) => ({ body: successBody(a).slice(0, 40) }),
  null: () => ({ body: 'null' }),
  true: () => ({ body: 'true' }),
  number: () => ({ body: '42' }),
  string: () => ({ body: '"receivers"' }),
  array: (a) => ({ body: JSON.stringify([{ receivers: [calleeReceiver(a)] }]) }),
  'empty-object': () => ({ body: '{}' }),
  'receivers-string': (a) => ({ body: JSON.stringify({ receivers: a }) }),
  'receivers-numbers': () => ({ body: JSON.stringify({ receivers: [1, 2, 3] }) }),
  'receivers-nested': (a) => ({ body: JSON.stringify({ receivers: [[calleeReceiver(a)]] }) }),
  'receivers-null-entry': () => ({ body: JSON.stringify({ receivers: [null] }) }),
  'receivers-mixed': (a) => ({ body: JSON.stringify({ receivers: [calleeReceiver(a), 'x'] }) }),
  'receivers-empty': () => ({ body: JSON.stringify({ receivers: [] }) }),
  'receivers-object': (a) => ({ body: JSON.stringify({ receivers: { 0: calleeReceiver(a), length: 1 } }) }),
  'receivers-only-caller': (a) => ({
    body: JSON.stringify({ receivers: [{ address: a, displayname: 'Me', callingDetails: { callStatus: 'calling', isCaller: true } }] }),
  }),
  'receivers-empty-fields': () => ({ body: JSON.stringify({ receivers: [{}] }) }),
  'receivers-odd-types': () => ({
    body: JSON.stringify({ receivers: [{ address: 442079460958, displayname: { first: 'Ada' }, callingDetails: 'calling' }] }),
  }),
  'receivers-markup': () => ({
    body: JSON.stringify({
      receivers: [{ address: `"><svg onload="window.__pwned=1">`, displayname: HOSTILE_MARKUP, callingDetails: { callStatus: HOSTILE_MARKUP } }],
    }),
  }),
  'receivers-megabyte': () => ({
    body: JSON.stringify({
      receivers: [{ address: `+${'4'.repeat(MB)}`, displayname: 'A'.repeat(MB), callingDetails: { callStatus: 'B'.repeat(MB) } }],
    }),
  }),
  'receivers-rtl': (a) => ({
    body: JSON.stringify({ receivers: [{ address: a, displayname: '\u202Egnp.exe\u202C Ada', callingDetails: { callStatus: 'calling' } }] }),
  }),
  'receivers-rtl-status': (a) => ({
    body: JSON.stringify({ receivers: [{ address: a, displayname: 'Ada', callingDetails: { callStatus: '\u202Egnillac' } }] }),
  }),
  'receivers-controls': (a) => ({
    body: JSON.stringify({ receivers: [{ address: a, displayname: 'A\u0000d\u0007a\u001b[31m\n\r\t', callingDetails: { callStatus: 'calling' } }] }),
  }),
  'proto-top': (a) => ({ body: `{"__proto__":{"receivers":${JSON.stringify([calleeReceiver(a)])}}}` }),
  'proto-receiver': () => ({ body: '{"receivers":[{"__proto__":{"address":"+442079460958","callingDetails":{"callStatus":"calling"}}}]}' }),
  'deep-nesting': () => ({ body: '['.repeat(100_000) + ']'.repeat(100_000) }),
  bom: (a) => ({ body: `\uFEFF${successBody(a)}` }),
  'invalid-utf8': (a) => ({
    body: Buffer.concat([
      Buffer.from(`{"receivers":[{"address":"${a}","displayname":"A`),
      Buffer.from([0xff, 0xfe, 0xc0]),
      Buffer.from('","callingDetails":{"callStatus":"calling"}}]}'),
    ]),
  }),
  'html-page': () => ({
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><title>Welcome</title></head><body>${HOSTILE_MARKUP}<p>Sign in</p></body></html>`,
  }),
  'html-page-error': () => ({ status: 502, type: 'text/html', body: `<h1>Bad gateway</h1>${HOSTILE_MARKUP}` }),
  'error-markup': () => ({ status: 403, body: JSON.stringify({ message: HOSTILE_MARKUP }) }),
  'error-megabyte': () => ({ status: 500, body: JSON.stringify({ message: 'M'.repeat(MB) }) }),
  'error-rtl': () => ({ status: 403, body: JSON.stringify({ message: '\u202Eyrros \u2066x\u2069' }) }),
  'error-message-number': () => ({ status: 400, body: JSON.stringify({ message: 12345 }) }),
  'error-message-blank': () => ({ status: 400, body: JSON.stringify({ message: '   ' }) }),
  'error-array': () => ({ status: 400, body: JSON.stringify([{ message: 'inside an array' }]) }),
  'type-text-html': (a) => ({ type: 'text/html', body: successBody(a) }),
  'type-text-plain': (a) => ({ type: 'text/plain', body: successBody(a) }),
  'type-octet-stream': (a) => ({ type: 'application/octet-stream', body: successBody(a) }),
  'type-none': (a) => ({ type: null, body: successBody(a) }),
  'type-xml': (a) => ({ type: 'application/xml', body: successBody(a) }),
  'type-image': (a) => ({ type: 'image/svg+xml', body: successBody(a) }),
};

/** @type {Map<string, Buffer>} */
const bigBodies = new Map();

/** @param {string} key @param {() => string} make */
function cached(key, make) {
  let body = bigBodies.get(key);
  if (!body) bigBodies.set(key, (body = Buffer.from(make())));
  return body;
}

export function createHostileApi() {
  /** @type {Map<string, HostileLogEntry[]>} */
  const logs = new Map();

  /** @type {Record<string, (ctx: CaseContext) => void | Promise<void>>} */
  const CASES = {
    ok: ({ res, address }) => send(res, 200, successBody(address)),
    /** Waits `arg` ms (until the client goes), then answers with success. */
    delay: async ({ res, arg, address }) => {
      await sleep(Number(arg), res);
      if (!res.destroyed) send(res, 200, successBody(address));
    },
    /** One of the fixed bodies above, by name. */
    body: ({ res, arg, address }) => {
      const make = BODIES[arg];
      if (!make) return send(res, 500, JSON.stringify({ message: `no body named ${arg}` }));
      const { status = 200, type = 'application/json', body } = make(address);
      send(res, status, body, type === null ? { 'content-type': '' } : { 'content-type': type });
    },
    /** The status `arg`, with a success body for a 2xx and a JSON message otherwise (no body where HTTP forbids one). */
    status: ({ res, arg, address }) => {
      const status = Number(arg);
      const body = status >= 200 && status < 300 ? successBody(address) : JSON.stringify({ message: `Answer ${status}.` });
      send(res, status, noBodyAllowed(status) ? '' : body);
    },
    /** The status `arg` with `{}`: a 2xx without receivers. */
    'status-bare': ({ res, arg }) => send(res, Number(arg), noBodyAllowed(Number(arg)) ? '' : '{}'),
    /** The status `arg` with a Location to this server's `record` case (same origin). */
    'status-location': ({ req, res, arg, session, address }) =>
      send(res, Number(arg), successBody(address), { location: recordUrl(req, session, false) }),
    'redirect-same-origin': ({ req, res, session }) => send(res, 307, '', { location: recordUrl(req, session, false) }),
    'redirect-other-origin': ({ req, res, session }) => send(res, 307, '', { location: recordUrl(req, session, true) }),
    'redirect-302-other-origin': ({ req, res, session }) => send(res, 302, '', { location: recordUrl(req, session, true) }),
    'redirect-insecure': ({ res }) => send(res, 308, '', { location: 'http://spaces.example.com/api/spacescalling/aura/call' }),
    /** Where the redirects point: answers like a real API, so that following a redirect would succeed. */
    record: ({ res, address }) => send(res, 200, successBody(address)),
    /** A success with a padding field: `arg` MB in all. */
    'big-json': ({ res, address }) => {
      const size = 10 * MB;
      const body = cached(`big-json-${address}`, () => {
        const head = `{"receivers":${JSON.stringify([calleeReceiver(address)])},"padding":"`;
        return `${head}${'x'.repeat(size - head.length - 2)}"}`;
      });
      send(res, 200, body);
    },
    /** 10 MB that is not JSON. */
    'big-garbage': ({ res }) => send(res, 200, cached('big-garbage', () => '<'.repeat(10 * MB))),
    /** A 500 whose 10 MB JSON body has a message. */
    'big-error': ({ res }) => send(res, 500, cached('big-error', () => JSON.stringify({ message: 'E'.repeat(10 * MB - 20) }))),
    /** `arg` receivers, each a callee with a different number. */
    'many-receivers': ({ res, arg }) => {
      const count = Number(arg);
      const body = cached(`many-${count}`, () =>
        JSON.stringify({
          receivers: Array.from({ length: count }, (_, i) => ({
            address: `+4420794${String(i % 100_000).padStart(5, '0')}`,
            displayname: `Receiver ${i}`,
            callingDetails: { callStatus: 'calling', isCaller: false },
          })),
        }),
      );
      send(res, 200, body);
    },
    /** A 400 whose message repeats the credential the request carried. */
    'echo-token': ({ res, token }) => send(res, 400, JSON.stringify({ message: `The token ${token} is not valid (Authorization: jwt ${token}).` })),
    /** The same for other statuses: `arg` is the status. */
    'echo-token-status': ({ res, arg, token }) => send(res, Number(arg), JSON.stringify({ message: `Rejected ${token}` })),
    /** A 403 whose message puts the token across the 200-character cut of a server message. */
    'echo-token-cut': ({ res, arg, token }) => send(res, 403, JSON.stringify({ message: `${'x'.repeat(Number(arg))}${token}` })),
    /** A success that echoes the token in the callee's name and elsewhere in the answer. */
    'echo-token-success': ({ res, address, token }) =>
      send(res, 200, JSON.stringify({ receivers: [{ ...calleeReceiver(address), displayname: token }], echo: { authorization: token } })),
    /** Headers and part of the body, then the connection is destroyed. */
    'reset-mid-body': ({ res, entry }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096', ...corsHeaders() });
      res.write('{"receivers": [{"address": "+44');
      entry.answer = 'reset';
      setTimeout(() => res.socket?.destroy(), 20);
    },
    /** The connection is destroyed before any byte of an answer. */
    'reset-before-headers': ({ res, entry }) => {
      entry.answer = 'reset';
      res.socket?.destroy();
    },
    /** Headers and part of the body, then nothing until the client gives up. */
    'stall-body': ({ res, entry }) => {
      res.writeHead(200, { 'content-type': 'application/json', ...corsHeaders() });
      res.write('{"receivers": [');
      entry.answer = 'stalled';
    },
    /** Headers, then one byte every 50 ms for ever: never a full answer. */
    trickle: ({ res, entry }) => {
      res.writeHead(200, { 'content-type': 'application/json', ...corsHeaders() });
      entry.answer = 'stalled';
      const timer = setInterval(() => res.write(' '), 50);
      res.once('close', () => clearInterval(timer));
    },
  };

  /**
   * Serves the request if it is one of this server's; returns false to let the host server go on.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://hostile').pathname;
    if (path === '/hostile/__closed-port') {
      void closedPort().then((port) => send(res, 200, JSON.stringify({ port })));
      return true;
    }
    const logMatch = LOG_PATH.exec(path);
    if (logMatch) {
      send(res, 200, JSON.stringify(logs.get(logMatch[1]) ?? []));
      return true;
    }
    const call = CALL_PATH.exec(path);
    if (!call) return false;
    const [, session, name, arg = ''] = call;
    /** @type {HostileLogEntry} */
    const entry = { session, case: name, arg, method: req.method ?? '', path, authorization: req.headers.authorization ?? null, body: '' };
    const log = logs.get(session) ?? [];
    logs.set(session, log);
    log.push(entry);
    res.once('close', () => {
      entry.ended = res.writableFinished ? 'finished' : 'client-gone';
      entry.answer ??= res.writableFinished ? res.statusCode : 'client-gone';
    });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...corsHeaders(),
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization, content-type',
      });
      res.end();
      return true;
    }
    const run = CASES[name];
    if (!run) {
      send(res, 500, JSON.stringify({ message: `no case named ${name}` }));
      return true;
    }
    void readBody(req).then((body) => {
      entry.body = body.slice(0, 2000);
      const address = calleeAddress(body);
      const token = /^\S+ (.*)$/.exec(entry.authorization ?? '')?.[1] ?? '';
      return run({ req, res, arg, session, entry, address, token });
    });
    return true;
  }

  return { handle };
}

/** @param {number} status */
function noBodyAllowed(status) {
  return status === 204 || status === 205 || status === 304;
}

/**
 * The `record` case of this session, on this origin or on the other loopback name (another origin).
 * @param {Request} req
 * @param {string} session
 * @param {boolean} otherOrigin
 */
function recordUrl(req, session, otherOrigin) {
  const port = req.socket.localPort;
  const host = (req.headers.host ?? '').startsWith('127.0.0.1') !== otherOrigin ? '127.0.0.1' : 'localhost';
  return `http://${host}:${port}/hostile/${session}/record/api/spacescalling/aura/call`;
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string>} [headers]  an empty content-type sends none
 */
function send(res, status, body, headers = {}) {
  if (res.destroyed) return;
  /** @type {Record<string, string>} */
  const all = { 'content-type': 'application/json; charset=utf-8', ...corsHeaders(), ...headers };
  if (all['content-type'] === '') delete all['content-type'];
  res.writeHead(status, all);
  res.end(noBodyAllowed(status) ? undefined : body);
}

function corsHeaders() {
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after, location' };
}

/** @param {string} body */
function calleeAddress(body) {
  try {
    const address = JSON.parse(body)?.callees?.[0]?.address;
    return typeof address === 'string' ? address : '';
  } catch {
    return '';
  }
}

/**
 * @param {Request} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      if (body.length < 64 * 1024) body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('close', () => resolve(body));
  });
}

/**
 * @param {number} ms
 * @param {Response} res
 */
function sleep(ms, res) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** A loopback port that was free a moment ago and is closed now. */
function closedPort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
