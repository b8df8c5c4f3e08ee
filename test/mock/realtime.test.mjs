// @ts-check
/**
 * The mock Spaces API's real-time channel (demo/mock-spaces-realtime.js): the REST mock and the Socket.IO v2
 * server on one plain HTTP server, driven by a real socket.io-client@2 as the browser will use it, with short delays.
 * Every test uses its own tokens: the channel is one per server.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-ignore socket.io-client@2 ships no types
import io from 'socket.io-client';
import { createMockSpacesApi, EXPIRED_TOKEN, REALTIME_SCENARIOS } from '../../demo/mock-spaces-api.js';

// notAnsweredMs is long: the cancel test rings a not-answered call, and its cancel must reach the mock before the
// mock gives up on the call however busy the machine is (at 250 ms, a loaded run once lost that race).
const DELAYS = { answerMs: 150, talkMs: 150, notAnsweredMs: 2000, shortTalkMs: 100, dropMs: 50 };
const CALLER = '+442079460000';
const ANYONE = '+442079461234';
/** The mock's not-answered scenario: rings for notAnsweredMs, then space.call.not.answered. */
const NOT_ANSWERED = '+442079460912';

/**
 * @typedef {{ category: string, topicId: string, spaceCallId: string, sender: any, receivers: any[],
 *   content: { callType: string }, startTime: string, endTime?: string }} CallEvent
 * @typedef {{ spaceCallId: string, topicId: string, created: string, sender: any, receivers: any[] }} CallAnswer
 */

const api = createMockSpacesApi({ realtime: DELAYS });
const server = createServer((req, res) => {
  if (!api.handle(req, res)) res.writeHead(404).end();
});
api.attach(server);
let base = '';
/** @type {any[]} */
const sockets = [];
let tokens = 0;
/** A token no other test uses. */
const newToken = () => `realtime-test-${process.pid}-${++tokens}`;

before(async () => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  base = `http://127.0.0.1:${address.port}`;
});

after(async () => {
  for (const socket of sockets) socket.close();
  api.close();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * A channel as the widget opens it, recording what it receives.
 * @param {string} token
 * @param {{ tokenType?: string, reconnectionDelay?: number }} [options]
 */
function openChannel(token, { tokenType = 'jwt', reconnectionDelay = 50 } = {}) {
  const socket = io(`${base}/chat`, {
    transports: ['websocket'],
    query: { tokenType, token },
    forceNew: true,
    reconnectionDelay,
    randomizationFactor: 0,
  });
  sockets.push(socket);
  /** @type {CallEvent[]} */
  const events = [];
  /** @type {string[]} */
  const history = [];
  socket.on('MEDIA_SESSION_RESPONSE', (/** @type {CallEvent} */ event) => events.push(event));
  socket.on('connect', () => history.push('connect'));
  socket.on('disconnect', (/** @type {string} */ reason) => history.push(`disconnect: ${reason}`));
  socket.on('error', (/** @type {unknown} */ error) => history.push(`error: ${error}`));
  const connected = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    events,
    history,
    connected,
    /** @param {string} spaceCallId */
    categoriesOf: (spaceCallId) => events.filter((e) => e.spaceCallId === spaceCallId).map((e) => e.category),
  };
}

/**
 * Places a call through the REST mock, as the widget does.
 * @param {string} token
 * @param {string} number
 * @returns {Promise<CallAnswer>}
 */
async function placeCall(token, number) {
  const response = await fetch(`${base}/mock/realtime/api/spacescalling/aura/call`, {
    method: 'POST',
    headers: { authorization: `jwt ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callees: [{ address: number, displayname: '' }] }),
  });
  assert.equal(response.status, 200);
  return /** @type {Promise<CallAnswer>} */ (response.json());
}

/**
 * @param {string} token
 * @param {string} [method]
 * @returns {Promise<{ connections: number, totalConnections: number, entries: { type: string, [key: string]: any }[] }>}
 */
async function realtimeLog(token, method = 'GET') {
  const response = await fetch(`${base}/mock/realtime/__realtime`, { method, headers: { authorization: `bearer ${token}` } });
  assert.equal(response.status, 200);
  return response.json();
}

/** @param {number} ms */
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {() => boolean | Promise<boolean>} condition
 * @param {string} what
 */
async function until(condition, what, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await wait(10);
  }
}

/**
 * @param {any} socket
 * @param {string} event
 * @returns {Promise<any>}
 */
const next = (socket, event) => new Promise((resolve) => socket.once(event, resolve));

/** Long enough for any scenario to have played everything. */
const ALL_PLAYED_MS = DELAYS.answerMs + DELAYS.talkMs + DELAYS.notAnsweredMs + 100;

describe('connecting', { concurrency: true }, () => {
  it('accepts the tokens the REST mock accepts, as a JWT or an OAuth access token', async () => {
    const jwt = openChannel(newToken());
    const oauth = openChannel(newToken(), { tokenType: 'oauth' });
    await Promise.all([jwt.connected, oauth.connected]);
  });

  for (const [refused, token, tokenType, reason] of [
    ['the expired token', EXPIRED_TOKEN, 'jwt', 'expired'],
    ['a revoked token (`~revoked`, which the REST mock still accepts)', `${newToken()}~revoked`, 'oauth', 'revoked'],
    ['a token type other than jwt or oauth', newToken(), 'bearer', 'bad-token-type'],
    ['an empty token', '', 'jwt', 'missing-token'],
  ]) {
    it(`refuses ${refused} with an "unauthorized" error`, async () => {
      const channel = openChannel(token, { tokenType });
      await assert.rejects(channel.connected, (error) => error === 'unauthorized');
      assert.ok(!channel.history.includes('connect'));
      if (token) {
        const { entries, connections } = await realtimeLog(token);
        assert.equal(connections, 0);
        assert.equal(entries.findLast((e) => e.type === 'refused')?.reason, reason);
      }
    });
  }
});

describe('the callee’s scenario', { concurrency: true }, () => {
  it('lists the reserved numbers 0911 to 0916, each with a description', () => {
    assert.deepEqual(
      REALTIME_SCENARIOS.map((s) => s.number),
      ['+442079460911', '+442079460912', '+442079460913', '+442079460914', '+442079460915', '+442079460916'],
    );
    for (const scenario of REALTIME_SCENARIOS) assert.ok(scenario.description.length > 10, scenario.name);
  });

  it('by default: answered after answerMs, ended talkMs later, as MEDIA_SESSION_RESPONSE events of that call', async () => {
    const token = newToken();
    const channel = openChannel(token);
    await channel.connected;
    const placedAt = Date.now();
    const call = await placeCall(token, ANYONE);
    await until(() => channel.events.length === 1, 'the answer');
    const answeredAfter = Date.now() - placedAt;
    await until(() => channel.events.length === 2, 'the end');
    const endedAfter = Date.now() - placedAt;
    assert.ok(answeredAfter >= DELAYS.answerMs - 5, `answered after ${answeredAfter} ms`);
    assert.ok(endedAfter >= DELAYS.answerMs + DELAYS.talkMs - 5, `ended after ${endedAfter} ms`);

    const [answered, ended] = channel.events;
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    for (const event of [answered, ended]) {
      assert.equal(event.spaceCallId, call.spaceCallId);
      assert.equal(event.topicId, call.topicId);
      assert.equal(event.sender.address, ANYONE, 'the callee acted');
      assert.equal(event.sender._id, call.receivers[0]._id);
      assert.deepEqual(event.receivers.map((r) => r.address), [CALLER]);
      assert.deepEqual(event.content, { callType: 'aura' });
      assert.equal(event.startTime, call.created);
    }
    assert.equal(answered.endTime, undefined);
    assert.ok(Date.parse(/** @type {string} */ (ended.endTime)) >= Date.parse(ended.startTime));
  });

  for (const [number, name, categories] of /** @type {[string, string, string[]][]} */ ([
    ['+442079460911', 'declined', ['space.call.rejected']],
    ['+442079460912', 'not answered', ['space.call.not.answered']],
    ['+442079460913', 'failed', ['space.call.failed']],
    ['+442079460914', 'answered (the other spelling) then ended quickly', ['space.call.offer.accepted', 'video.end']],
    ['+442079460915', 'a silent channel', []],
  ])) {
    it(`${number}: ${name}: ${categories.join(', ') || 'no event at all'}`, async () => {
      const token = newToken();
      const channel = openChannel(token);
      await channel.connected;
      const call = await placeCall(token, number);
      await wait(ALL_PLAYED_MS);
      assert.deepEqual(channel.categoriesOf(call.spaceCallId), categories);
      assert.equal(channel.events.length, categories.length);
      const last = channel.events.at(-1);
      if (last) assert.equal(typeof last.endTime, 'string', 'the last event has an endTime');
    });
  }

  it('+442079460916: the channel drops after dropMs; the client reconnects and gets what it missed, in order', async () => {
    const token = newToken();
    // The client comes back after the answer was played: the answer waits for it.
    const channel = openChannel(token, { reconnectionDelay: DELAYS.answerMs + 100 });
    await channel.connected;
    const call = await placeCall(token, '+442079460916');
    await until(() => channel.events.length === 2, 'the answer and the end');
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    assert.deepEqual(channel.history, ['connect', 'disconnect: transport close', 'connect'], 'dropped by the network, not by the server');

    const { entries, connections } = await realtimeLog(token);
    assert.equal(connections, 1);
    const story = entries.map((e) => (e.category ? `${e.type} ${e.category}` : e.type));
    const back = story.lastIndexOf('connect');
    assert.deepEqual(story.slice(0, 5), ['connect', 'call', 'drop', 'disconnect', 'queued space.call.accepted']);
    assert.equal(story[back + 1], 'delivered space.call.accepted');
    // The end came while the client was away (kept, then delivered) or after it was back (sent).
    assert.ok(
      story.includes('sent space.call.ended') || (story.includes('queued space.call.ended') && story.at(-1) === 'delivered space.call.ended'),
      story.join(', '),
    );
  });
});

describe('events while the user has no connection', { concurrency: true }, () => {
  it('are kept and delivered to the user’s next connection', async () => {
    const token = newToken();
    const call = await placeCall(token, ANYONE);
    await wait(DELAYS.answerMs + 50);
    const channel = openChannel(token);
    await channel.connected;
    await until(() => channel.events.length === 2, 'the answer and the end');
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
  });

  it('reach a connection made with a refreshed token of the same user (`user~n`), after the first one was refused', async () => {
    const user = newToken();
    const call = await placeCall(`${user}~revoked`, ANYONE);
    const refused = openChannel(`${user}~revoked`);
    await assert.rejects(refused.connected, (error) => error === 'unauthorized');
    refused.socket.close();
    const refreshed = openChannel(`${user}~2`, { tokenType: 'oauth' });
    await refreshed.connected;
    await until(() => refreshed.events.length === 2, 'the answer and the end');
    assert.deepEqual(refreshed.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
  });
});

describe('SUBSCRIBE_CHANNEL', { concurrency: true }, () => {
  it('answers CHANNEL_SUBSCRIBED with the channel for a topic', async () => {
    const channel = openChannel(newToken());
    await channel.connected;
    const answer = next(channel.socket, 'CHANNEL_SUBSCRIBED');
    channel.socket.emit('SUBSCRIBE_CHANNEL', { channel: { type: 'topic', _id: 'topic-1' } });
    assert.deepEqual(await answer, { channel: { type: 'topic', _id: 'topic-1' } });
  });

  for (const [what, request] of [
    ['an unknown channel type', { channel: { type: 'user', _id: 'someone' } }],
    ['a topic without _id', { channel: { type: 'topic' } }],
    ['a malformed request', 'topic-1'],
  ]) {
    it(`answers SUBSCRIBE_CHANNEL_FAILED for ${what}`, async () => {
      const channel = openChannel(newToken());
      await channel.connected;
      const answer = next(channel.socket, 'SUBSCRIBE_CHANNEL_FAILED');
      channel.socket.emit('SUBSCRIBE_CHANNEL', request);
      assert.equal(typeof (await answer).message, 'string');
    });
  }

  it('makes a connection of another user receive the events of calls in that topic', async () => {
    const caller = newToken();
    const callerChannel = openChannel(caller);
    const watcher = openChannel(newToken());
    await Promise.all([callerChannel.connected, watcher.connected]);
    const call = await placeCall(caller, ANYONE);
    const subscribed = next(watcher.socket, 'CHANNEL_SUBSCRIBED');
    watcher.socket.emit('SUBSCRIBE_CHANNEL', { channel: { type: 'topic', _id: call.topicId } });
    await subscribed;
    await until(() => watcher.events.length === 2, 'the answer and the end');
    assert.deepEqual(watcher.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    assert.deepEqual(callerChannel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended'], 'once each');
  });
});

describe('cancel (SEND_MEDIA_SESSION_EVENTS, space.call.cancelled)', { concurrency: true }, () => {
  /**
   * @param {any} socket
   * @param {CallAnswer} call
   */
  const cancel = (socket, call) =>
    socket.emit('SEND_MEDIA_SESSION_EVENTS', {
      category: 'space.call.cancelled',
      spaceCallId: call.spaceCallId,
      topicId: call.topicId,
      receivers: [call.receivers[0]],
      sender: call.sender,
      content: { callType: 'aura' },
    });

  it('before the answer: the caller gets space.call.cancelled and nothing after', async () => {
    const token = newToken();
    const channel = openChannel(token);
    await channel.connected;
    const call = await placeCall(token, NOT_ANSWERED);
    cancel(channel.socket, call);
    await wait(ALL_PLAYED_MS);
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.cancelled'], 'no space.call.not.answered after it');
    const [cancelled] = channel.events;
    assert.equal(cancelled.sender.address, CALLER, 'the caller acted');
    assert.deepEqual(cancelled.receivers.map((r) => r.address), [NOT_ANSWERED]);
    assert.equal(typeof cancelled.endTime, 'string');
    assert.ok((await realtimeLog(token)).entries.some((e) => e.type === 'cancel' && e.spaceCallId === call.spaceCallId));
  });

  it('before the answer, by topicId alone (as the public sample sends it)', async () => {
    const token = newToken();
    const channel = openChannel(token);
    await channel.connected;
    const call = await placeCall(token, '+442079460915');
    channel.socket.emit('SEND_MEDIA_SESSION_EVENTS', { category: 'space.call.cancelled', topicId: call.topicId });
    await until(() => channel.events.length === 1, 'the cancel');
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.cancelled']);
  });

  it('after the answer: refused; the call goes on and ends', async () => {
    const token = newToken();
    const channel = openChannel(token);
    await channel.connected;
    const call = await placeCall(token, ANYONE);
    await until(() => channel.events.length === 1, 'the answer');
    cancel(channel.socket, call);
    await until(() => channel.events.length === 2, 'the end');
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    const refused = (await realtimeLog(token)).entries.find((e) => e.type === 'cancel-refused');
    assert.equal(refused?.reason, 'answered');
  });

  it('of another user’s call: refused', async () => {
    const caller = newToken();
    const stranger = newToken();
    const callerChannel = openChannel(caller);
    const strangerChannel = openChannel(stranger);
    await Promise.all([callerChannel.connected, strangerChannel.connected]);
    const call = await placeCall(caller, ANYONE);
    cancel(strangerChannel.socket, call);
    await until(() => callerChannel.events.length === 2, 'the answer and the end');
    assert.deepEqual(callerChannel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    assert.equal((await realtimeLog(stranger)).entries.find((e) => e.type === 'cancel-refused')?.reason, 'unknown-call');
  });
});

describe('malformed emits', () => {
  it('are logged as ignored and change nothing: the channel keeps answering', async () => {
    const token = newToken();
    const channel = openChannel(token);
    await channel.connected;
    const failed = next(channel.socket, 'SUBSCRIBE_CHANNEL_FAILED');
    channel.socket.emit('SUBSCRIBE_CHANNEL', { channel: { type: { toString: 1 }, _id: 'x'.repeat(10_000) } });
    channel.socket.emit('SEND_MEDIA_SESSION_EVENTS', { category: 'space.call.cancelled', spaceCallId: { __proto__: null } });
    channel.socket.emit('SEND_MEDIA_SESSION_EVENTS', ['space.call.cancelled']);
    channel.socket.emit('SEND_MEDIA_SESSION_EVENTS', { category: 'space.call.offer' });
    channel.socket.emit('NOT_AN_EVENT', 1);
    await failed;
    const call = await placeCall(token, ANYONE);
    await until(() => channel.events.length === 2, 'the answer and the end');
    assert.deepEqual(channel.categoriesOf(call.spaceCallId), ['space.call.accepted', 'space.call.ended']);
    const types = (await realtimeLog(token)).entries.map((e) => e.type);
    assert.deepEqual(types.filter((t) => t === 'ignored' || t === 'cancel-refused'), ['cancel-refused', 'ignored', 'ignored', 'ignored']);
  });
});

describe('GET/DELETE {base}/__realtime', () => {
  it('needs the API’s Authorization header', async () => {
    const response = await fetch(`${base}/__realtime`);
    assert.equal(response.status, 401);
  });

  it('returns the user’s connections, subscriptions and events sent, and the connection counts; DELETE empties it', async () => {
    const token = newToken();
    const other = openChannel(newToken());
    const first = openChannel(token);
    const second = openChannel(token, { tokenType: 'oauth' });
    await Promise.all([other.connected, first.connected, second.connected]);
    const subscribed = next(first.socket, 'CHANNEL_SUBSCRIBED');
    first.socket.emit('SUBSCRIBE_CHANNEL', { channel: { type: 'topic', _id: 'topic-2' } });
    await subscribed;
    const call = await placeCall(token, '+442079460911');
    await until(() => first.events.length === 1 && second.events.length === 1, 'the decline on both connections');
    assert.equal((await realtimeLog(token)).connections, 2);
    second.socket.close();
    /** @type {Awaited<ReturnType<typeof realtimeLog>>} */
    let log;
    await until(async () => (log = await realtimeLog(token)).connections === 1, 'the server to see the disconnect');
    log = /** @type {typeof log} */ (/** @type {unknown} */ (await realtimeLog(token)));

    assert.ok(log.totalConnections >= 2, 'the other user’s connection counts in the total');
    assert.deepEqual(
      log.entries.filter((e) => e.type === 'connect').map((e) => e.tokenType).sort(),
      ['jwt', 'oauth'],
    );
    assert.deepEqual(log.entries.find((e) => e.type === 'subscribe')?.channel, { type: 'topic', _id: 'topic-2' });
    const placed = log.entries.find((e) => e.type === 'call');
    assert.deepEqual(
      { spaceCallId: placed?.spaceCallId, topicId: placed?.topicId, scenario: placed?.scenario },
      { spaceCallId: call.spaceCallId, topicId: call.topicId, scenario: 'declined' },
    );
    assert.deepEqual(
      log.entries.filter((e) => e.type === 'sent').map((e) => [e.category, e.sockets]),
      [['space.call.rejected', 2]],
    );
    assert.equal(log.entries.at(-1)?.type, 'disconnect');
    assert.equal(log.entries.at(-1)?.connections, 1);
    assert.ok(log.entries.every((e) => typeof e.at === 'string'));

    assert.deepEqual((await realtimeLog(token, 'DELETE')).entries, []);
    assert.deepEqual((await realtimeLog(token)).entries, []);
    assert.equal((await realtimeLog(token)).connections, 1, 'emptying the log keeps the connections');
  });
});

describe('closing', () => {
  it('clears every timer and connection: a server with pending calls closes and node exits at once', async () => {
    // In a child process, so that a forgotten timer or socket would keep it running.
    const script = `
      import { createServer } from 'node:http';
      import io from 'socket.io-client';
      import { createMockSpacesApi } from './demo/mock-spaces-api.js';
      const api = createMockSpacesApi({ realtime: { answerMs: 60000, talkMs: 60000, notAnsweredMs: 60000, dropMs: 60000 } });
      const server = createServer((req, res) => { if (!api.handle(req, res)) res.writeHead(404).end(); });
      api.attach(server);
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = 'http://127.0.0.1:' + server.address().port;
      const socket = io(base + '/chat', { transports: ['websocket'], query: { tokenType: 'jwt', token: 't' } });
      await new Promise((resolve) => socket.once('connect', resolve));
      for (const number of ['+442079461234', '+442079460912', '+442079460915', '+442079460916']) {
        const response = await fetch(base + '/api/spacescalling/aura/call', {
          method: 'POST',
          headers: { authorization: 'jwt t', 'content-type': 'application/json' },
          body: JSON.stringify({ callees: [{ address: number, displayname: '' }] }),
        });
        if (response.status !== 200) throw new Error('call ' + response.status);
      }
      const before = api.realtime.stats();
      socket.io.reconnection(false);
      server.close();
      api.close();
      console.log(JSON.stringify({ before, after: api.realtime.stats() }));
    `;
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const startedAt = Date.now();
    const code = await new Promise((resolve) => child.on('exit', resolve));
    assert.equal(code, 0, output);
    // The pending calls' timers are 60 s: exiting well before any could fire shows that none kept node running.
    // How soon it exits depends on the machine (starting node, loading socket.io): no tighter limit than that.
    assert.ok(Date.now() - startedAt < 40_000, `exited after ${Date.now() - startedAt} ms`);
    const { before, after } = JSON.parse(output);
    assert.deepEqual(before, { users: 1, calls: 4, timers: 5, connections: 1 });
    assert.deepEqual(after, { users: 0, calls: 0, timers: 0, connections: 0 });
  });
});
