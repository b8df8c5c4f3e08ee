// @ts-check
/**
 * The mock Spaces real-time channel: a real Socket.IO v2 server (socket.io@2, Engine.IO 3) on the default path
 * `/socket.io`, namespace `/chat`, websocket transport only, as ../shared/spaces-api/REALTIME.md describes the
 * real one. `createMockSpacesApi` (mock-spaces-api.js) owns one; `attach(httpServer)` puts it on a server.
 *
 * - Auth: the handshake query `tokenType=jwt|oauth&token=…`. Refused (the client sees an `error` event
 *   `'unauthorized'`): a missing token or type, the expired token of the REST mock, and tokens ending in
 *   `~revoked` (which the REST mock still accepts: as if revoked just after the call request).
 * - A connection is its user's channel. A token's user is the token without a `~suffix`: `alice`, `alice~2` and
 *   `alice~revoked` are one user, so a call placed with one token is followed by a connection made with a refreshed
 *   one. Tests use distinct tokens for isolation.
 * - After each successful call request, the callee's scenario (REALTIME_SCENARIOS by number, else
 *   DEFAULT_REALTIME_SCENARIO) is played as `MEDIA_SESSION_RESPONSE` events to the user's connections and to
 *   connections subscribed to the call's topic. Events for a user with no connection are kept (at most
 *   MAX_QUEUE) and delivered to the user's next connection.
 * - `SUBSCRIBE_CHANNEL` `{ channel: { type: 'topic', _id } }` → `CHANNEL_SUBSCRIBED` `{ channel }`, anything
 *   else → `SUBSCRIBE_CHANNEL_FAILED` `{ channel, message }`.
 * - `SEND_MEDIA_SESSION_EVENTS` `{ category: 'space.call.cancelled', spaceCallId, topicId, … }` before the answer
 *   stops the call's scenario and sends `space.call.cancelled` to the caller; after the answer it is refused.
 * - A log per user for the tests: `GET {base}/__realtime` with `Authorization: jwt|bearer <token>`;
 *   `DELETE` empties it. Nothing is ever written to the console.
 */
// @ts-ignore socket.io@2 ships no types
import IoServer from 'socket.io';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/**
 * @typedef {'answerMs' | 'talkMs' | 'notAnsweredMs' | 'shortTalkMs' | 'dropMs'} Delay
 * @typedef {{ [K in Delay]: number }} Delays
 * @typedef {{ at: Delay[], category: string }} Step  played at the sum of the delays `at`, counted from the offer
 * @typedef {{ number?: string, name: string, description: string, steps: Step[], dropAt?: Delay[] }} RealtimeScenario
 * @typedef {{ at: string, type: string, [detail: string]: unknown }} RealtimeLogEntry
 * @typedef {{
 *   category: string, topicId: string, spaceCallId: string, sender: unknown, receivers: unknown[],
 *   content: { callType: string }, startTime: string, endTime?: string
 * }} MediaSessionEvent
 * @typedef {{
 *   id: string, handshake: { query: Record<string, unknown> }, conn: { close(): void },
 *   join(room: string): void, emit(event: string, ...args: unknown[]): void,
 *   on(event: string, listener: (...args: any[]) => void): void,
 *   use(fn: (packet: unknown[], next: (err?: Error) => void) => void): void
 * }} IoSocket  the part of a socket.io@2 server socket used here (socket.io@2 ships no types)
 * @typedef {{ log: RealtimeLogEntry[], sockets: Set<IoSocket>, queue: MediaSessionEvent[] }} User
 * @typedef {{
 *   spaceCallId: string, topicId: string, user: string, callType: string, caller: unknown, callee: unknown,
 *   startTime: string, scenario: RealtimeScenario, answered: boolean, timers: Set<ReturnType<typeof setTimeout>>
 * }} Call
 */

/** Delays of `npm start`; the tests pass shorter ones. */
export const DEFAULT_DELAYS = Object.freeze({ answerMs: 3000, talkMs: 8000, notAnsweredMs: 8000, shortTalkMs: 2000, dropMs: 1000 });
/** A token ending in this is refused by the channel but accepted by the REST mock. */
export const REVOKED_SUFFIX = '~revoked';
/** How many events are kept for a user with no connection; how many log entries per user. */
export const MAX_QUEUE = 100;
export const MAX_LOG = 2000;
const MAX_USERS = 10_000;
const MAX_ID = 256;
/** A call with no step left to play (the silent one) is forgotten after this, unless cancelled before. */
const FORGET_SILENT_MS = 5 * 60_000;

const ANSWERED = /** @type {Step[]} */ ([
  { at: ['answerMs'], category: 'space.call.accepted' },
  { at: ['answerMs', 'talkMs'], category: 'space.call.ended' },
]);

/** Every valid number not in REALTIME_SCENARIOS. */
export const DEFAULT_REALTIME_SCENARIO = /** @type {RealtimeScenario} */ ({
  name: 'answered',
  description: 'answered (`space.call.accepted`) after `answerMs`, ended (`space.call.ended`) `talkMs` later',
  steps: ANSWERED,
});

/** Reserved fictional numbers (Ofcom's drama range, after the REST mock's 0900–0910), as for the REST failures. */
export const REALTIME_SCENARIOS = /** @type {readonly RealtimeScenario[]} */ ([
  {
    number: '+442079460911',
    name: 'declined',
    description: 'declined: `space.call.rejected` after `answerMs`',
    steps: [{ at: ['answerMs'], category: 'space.call.rejected' }],
  },
  {
    number: '+442079460912',
    name: 'not-answered',
    description: 'not answered: `space.call.not.answered` after `notAnsweredMs`',
    steps: [{ at: ['notAnsweredMs'], category: 'space.call.not.answered' }],
  },
  {
    number: '+442079460913',
    name: 'failed',
    description: 'failed: `space.call.failed` after `answerMs`',
    steps: [{ at: ['answerMs'], category: 'space.call.failed' }],
  },
  {
    number: '+442079460914',
    name: 'short-call',
    description: 'answered with the other spelling (`space.call.offer.accepted`) after `answerMs`, ended (`video.end`) `shortTalkMs` later',
    steps: [
      { at: ['answerMs'], category: 'space.call.offer.accepted' },
      { at: ['answerMs', 'shortTalkMs'], category: 'video.end' },
    ],
  },
  { number: '+442079460915', name: 'silent', description: 'a silent channel: no event at all', steps: [] },
  {
    number: '+442079460916',
    name: 'channel-dropped',
    description:
      'the channel drops `dropMs` after the offer (the server closes the caller’s connections, the client reconnects); ' +
      'events meanwhile are delivered on reconnecting; then answered and ended as by default',
    steps: ANSWERED,
    dropAt: ['dropMs'],
  },
]);

const ANSWERS = new Set(['space.call.accepted', 'space.call.offer.accepted']);
const EVENT = 'MEDIA_SESSION_RESPONSE';
const REALTIME_PATH = /^(?:\/mock\/[\w-]{1,64})?\/__realtime$/;

/** The user a token belongs to: the token without its `~suffix`. @param {string} token */
export const userOf = (token) => token.replace(/~[^~]*$/, '');

/**
 * @param {Partial<Delays> & { isRefusedToken?: (token: string) => boolean }} [options]
 *   delays in ms (DEFAULT_DELAYS otherwise); isRefusedToken: tokens the REST mock refuses too (its expired one).
 */
export function createMockRealtime({ isRefusedToken = () => false, ...delays } = {}) {
  /** @type {Delays} */
  const ms = { ...DEFAULT_DELAYS };
  for (const key of /** @type {Delay[]} */ (Object.keys(DEFAULT_DELAYS))) {
    const value = delays[key];
    if (typeof value === 'number' && value >= 0) ms[key] = value;
  }
  /** @type {Map<string, User>} */
  const users = new Map();
  /** @type {Map<string, Call>} */
  const calls = new Map();
  /** @type {WeakMap<IoSocket, string>} */
  const userOfSocket = new WeakMap();
  /** @type {any} the socket.io@2 Server */
  let io;
  /** @type {any} its `/chat` namespace */
  let chat;
  let closed = false;

  /** @param {string} name */
  function user(name) {
    let found = users.get(name);
    if (found) {
      // Most recently used last, so that the oldest idle user is the one forgotten.
      users.delete(name);
      users.set(name, found);
      return found;
    }
    if (users.size >= MAX_USERS) {
      for (const [key, idle] of users) {
        if (idle.sockets.size === 0) {
          users.delete(key);
          break;
        }
      }
    }
    found = { log: [], sockets: new Set(), queue: [] };
    users.set(name, found);
    return found;
  }

  /**
   * @param {string} name
   * @param {string} type
   * @param {Record<string, unknown>} [detail]
   */
  function log(name, type, detail = {}) {
    if (closed) return;
    const { log: entries } = user(name);
    entries.push({ at: new Date().toISOString(), type, ...detail });
    if (entries.length > MAX_LOG) entries.splice(0, entries.length - MAX_LOG);
  }

  const totalConnections = () => {
    let total = 0;
    for (const { sockets } of users.values()) total += sockets.size;
    return total;
  };

  /**
   * Attaches the Socket.IO server to the host's HTTP server (vite's, web-test-runner's, a test's).
   * @param {import('node:net').Server} httpServer  an HTTP server (http, https or http2 with HTTP/1 allowed)
   */
  function attach(httpServer) {
    if (io || closed) throw new Error('The mock real-time channel is already attached (or closed).');
    io = new IoServer(httpServer, {
      path: '/socket.io',
      serveClient: false,
      transports: ['websocket'],
      // Engine.IO 3 otherwise ends every other WebSocket upgrade on this server after 1 s (vite's HMR, the test runner's).
      destroyUpgrade: false,
      cookie: false,
      maxHttpBufferSize: 1e6,
    });
    chat = io.of('/chat');
    chat.use(authenticate);
    chat.on('connection', connected);
    httpServer.once('close', close);
  }

  /**
   * @param {IoSocket} socket
   * @param {(err?: Error) => void} next
   */
  function authenticate(socket, next) {
    const { tokenType, token } = socket.handshake.query;
    const reason = closed
      ? 'closed'
      : typeof token !== 'string' || token === ''
        ? 'missing-token'
        : tokenType !== 'jwt' && tokenType !== 'oauth'
          ? 'bad-token-type'
          : isRefusedToken(token)
            ? 'expired'
            : token.endsWith(REVOKED_SUFFIX)
              ? 'revoked'
              : '';
    if (!reason) {
      userOfSocket.set(socket, userOf(/** @type {string} */ (token)));
      return next();
    }
    if (typeof token === 'string' && token !== '' && token.length <= 4096) {
      log(userOf(token), 'refused', { reason, tokenType: shortString(tokenType) ?? null, token });
    }
    next(new Error('unauthorized'));
  }

  /** @param {IoSocket} socket */
  function connected(socket) {
    const name = /** @type {string} */ (userOfSocket.get(socket));
    const { tokenType, token } = socket.handshake.query;
    const me = user(name);
    me.sockets.add(socket);
    socket.join(`user:${name}`);
    log(name, 'connect', { socket: socket.id, tokenType, token, connections: me.sockets.size });
    for (const event of me.queue.splice(0)) {
      socket.emit(EVENT, event);
      log(name, 'delivered', { socket: socket.id, category: event.category, spaceCallId: event.spaceCallId });
    }
    socket.use(([event, data], next) => {
      try {
        if (event === 'SUBSCRIBE_CHANNEL') subscribe(socket, name, data);
        else if (event === 'SEND_MEDIA_SESSION_EVENTS') mediaSessionEvent(socket, name, data);
        else log(name, 'ignored', { socket: socket.id, event: shortString(event) ?? typeof event });
      } catch {
        // A payload the mock cannot read must not bring down the dev server.
        log(name, 'ignored', { socket: socket.id, event: shortString(event) ?? typeof event });
      }
      next();
    });
    socket.on('disconnect', (/** @type {string} */ reason) => {
      me.sockets.delete(socket);
      log(name, 'disconnect', { socket: socket.id, reason, connections: me.sockets.size });
    });
  }

  /**
   * @param {IoSocket} socket
   * @param {string} name
   * @param {unknown} data
   */
  function subscribe(socket, name, data) {
    const channel = isObject(data) && isObject(data.channel) ? data.channel : undefined;
    const echo = channel && { type: shortString(channel.type), _id: shortString(channel._id) };
    if (echo?.type === 'topic' && echo._id) {
      socket.join(`topic:${echo._id}`);
      socket.emit('CHANNEL_SUBSCRIBED', { channel: echo });
      return log(name, 'subscribe', { socket: socket.id, channel: echo });
    }
    const message = !echo
      ? 'Malformed request: expected { channel: { type, _id } }.'
      : echo.type !== 'topic'
        ? 'Unknown channel type.'
        : 'Missing channel _id.';
    socket.emit('SUBSCRIBE_CHANNEL_FAILED', { channel: echo ?? null, message });
    log(name, 'subscribe-failed', { socket: socket.id, channel: echo ?? null, message });
  }

  /**
   * @param {IoSocket} socket
   * @param {string} name
   * @param {unknown} data
   */
  function mediaSessionEvent(socket, name, data) {
    const category = isObject(data) ? shortString(data.category) : undefined;
    if (!isObject(data) || category !== 'space.call.cancelled') {
      return log(name, 'ignored', { socket: socket.id, event: 'SEND_MEDIA_SESSION_EVENTS', category: category ?? null });
    }
    const spaceCallId = shortString(data.spaceCallId);
    const topicId = shortString(data.topicId);
    const call = spaceCallId
      ? calls.get(spaceCallId)
      : [...calls.values()].find((c) => c.user === name && c.topicId === topicId && !c.answered);
    const refused = !call || call.user !== name ? 'unknown-call' : call.answered ? 'answered' : '';
    if (!call || refused) {
      const ids = { spaceCallId: spaceCallId ?? null, topicId: topicId ?? null };
      return log(name, 'cancel-refused', { socket: socket.id, ...ids, reason: refused });
    }
    log(name, 'cancel', { socket: socket.id, spaceCallId: call.spaceCallId });
    end(call);
    send(call, 'space.call.cancelled', { sender: call.caller, receivers: [call.callee] });
  }

  /**
   * Plays the callee's scenario for a call the REST mock has just answered with 200 (`answer`, its body).
   * Nothing happens while the channel is not attached (the REST mock alone, as in the bench).
   * @param {{
   *   token: string, callType: string,
   *   answer: { spaceCallId: string, topicId: string, created: string, sender: unknown, receivers: { address: string }[] }
   * }} placed
   */
  function callPlaced({ token, callType, answer }) {
    if (!io || closed) return;
    const scenario =
      REALTIME_SCENARIOS.find((s) => answer.receivers.some((r) => r.address === s.number)) ?? DEFAULT_REALTIME_SCENARIO;
    /** @type {Call} */
    const call = {
      spaceCallId: answer.spaceCallId,
      topicId: answer.topicId,
      user: userOf(token),
      callType: callType.toLowerCase(),
      caller: party(answer.sender),
      callee: party(answer.receivers.find((r) => r.address === scenario.number) ?? answer.receivers[0]),
      startTime: answer.created,
      scenario,
      answered: false,
      timers: new Set(),
    };
    calls.set(call.spaceCallId, call);
    log(call.user, 'call', { spaceCallId: call.spaceCallId, topicId: call.topicId, scenario: scenario.name });
    const last = scenario.steps.length - 1;
    /** One step after the other, each timed from the one before: a lagging event loop cannot reorder them. */
    const play = (/** @type {number} */ index, /** @type {number} */ elapsed) => {
      const step = scenario.steps[index];
      if (!step) return;
      const at = msOf(step.at);
      later(call, at - elapsed, () => {
        if (ANSWERS.has(step.category)) call.answered = true;
        if (index === last) end(call);
        send(call, step.category, { sender: call.callee, receivers: [call.caller] }, index === last);
        play(index + 1, at);
      });
    };
    play(0, 0);
    if (scenario.dropAt) later(call, msOf(scenario.dropAt), () => drop(call));
    if (last < 0) later(call, FORGET_SILENT_MS, () => end(call));
  }

  /** @param {Delay[]} at */
  const msOf = (at) => at.reduce((sum, delay) => sum + ms[delay], 0);

  /**
   * @param {Call} call
   * @param {number} delayMs
   * @param {() => void} run
   */
  function later(call, delayMs, run) {
    const timer = setTimeout(() => {
      call.timers.delete(timer);
      run();
    }, delayMs);
    call.timers.add(timer);
  }

  /** Stops a call's scenario and forgets it. @param {Call} call */
  function end(call) {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
    calls.delete(call.spaceCallId);
  }

  /**
   * Sends one event of a call to its user's connections and the call's topic's, or keeps it for the user's next one.
   * @param {Call} call
   * @param {string} category
   * @param {{ sender: unknown, receivers: unknown[] }} parties
   * @param {boolean} [last]  the call's end: the event gets an `endTime`
   */
  function send(call, category, parties, last = true) {
    /** @type {MediaSessionEvent} */
    const event = {
      category,
      topicId: call.topicId,
      spaceCallId: call.spaceCallId,
      ...parties,
      content: { callType: call.callType },
      startTime: call.startTime,
      ...(last ? { endTime: new Date().toISOString() } : {}),
    };
    const me = user(call.user);
    const topic = chat.adapter.rooms[`topic:${call.topicId}`];
    const targets = new Set([...me.sockets].map((s) => s.id));
    for (const id of Object.keys(topic?.sockets ?? {})) targets.add(id);
    if (targets.size > 0) chat.to(`user:${call.user}`).to(`topic:${call.topicId}`).emit(EVENT, event);
    if (me.sockets.size === 0) {
      me.queue.push(event);
      if (me.queue.length > MAX_QUEUE) me.queue.shift();
      log(call.user, 'queued', { category, spaceCallId: call.spaceCallId });
    }
    if (targets.size > 0) log(call.user, 'sent', { category, spaceCallId: call.spaceCallId, sockets: targets.size });
  }

  /** Cuts the caller's connections as a network would: the client sees its transport close, and reconnects. @param {Call} call */
  function drop(call) {
    const { sockets } = user(call.user);
    log(call.user, 'drop', { spaceCallId: call.spaceCallId, sockets: sockets.size });
    // Not `socket.disconnect(true)`: a Socket.IO v2 client takes that as "io server disconnect" and stays away.
    for (const socket of sockets) socket.conn.close();
  }

  /**
   * Serves `{base}/__realtime` (GET: the user's log and connection counts; DELETE: empties the log).
   * Returns false for any other request.
   * @param {Request} req
   * @param {Response} res
   */
  function handle(req, res) {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    if (!REALTIME_PATH.test(path)) return false;
    const headers = { 'access-control-allow-origin': '*' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...headers,
        'access-control-allow-methods': 'GET, DELETE',
        'access-control-allow-headers': 'authorization',
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    const auth = /^(?:jwt|bearer) (\S+)$/i.exec(req.headers.authorization ?? '');
    /** @type {[number, unknown]} */
    let answer;
    if (!auth) answer = [401, { message: 'Missing or malformed Authorization header.' }];
    else if (req.method !== 'GET' && req.method !== 'DELETE') answer = [405, { message: 'Method not allowed.' }];
    else {
      const name = userOf(auth[1]);
      const found = users.get(name);
      if (req.method === 'DELETE' && found) found.log = [];
      answer = [200, { connections: found?.sockets.size ?? 0, totalConnections: totalConnections(), entries: found?.log ?? [] }];
    }
    res.writeHead(answer[0], { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(answer[1]));
    return true;
  }

  /** Stops every call's timers, closes every connection, forgets everything. Also run when the HTTP server closes. */
  function close() {
    if (closed) return;
    closed = true;
    for (const call of [...calls.values()]) end(call);
    users.clear();
    io?.eio?.close();
  }

  /** For the tests: what is held now. */
  const stats = () => {
    let timers = 0;
    for (const call of calls.values()) timers += call.timers.size;
    return { users: users.size, calls: calls.size, timers, connections: totalConnections() };
  };

  return { attach, callPlaced, handle, close, stats, delays: /** @type {Readonly<Delays>} */ (ms) };
}

/**
 * A party of the call as in the REST answer, without its `callingDetails` (which say "calling").
 * @param {unknown} person
 */
function party(person) {
  if (!isObject(person)) return person;
  const { callingDetails: _, ...rest } = person;
  return rest;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** @param {unknown} value */
const shortString = (value) => (typeof value === 'string' && value.length <= MAX_ID ? value : undefined);
