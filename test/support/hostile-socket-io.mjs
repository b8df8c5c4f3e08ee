// @ts-check
/**
 * A deliberately badly behaved Spaces real-time channel for the hardening tests (issue 10): a raw WebSocket server
 * (the `ws` package) that speaks just enough Engine.IO 3 / Socket.IO v2 to be connected to, and then sends whatever
 * the test tells it to, frame by frame. For each connection it answers the handshake
 * (`0{"sid":…,"pingInterval":…,"pingTimeout":…}` then `40`), answers the client's `40/chat?…,` with `40/chat,` (or
 * what `next.namespaceAnswer` says), answers pings with `3` (unless `next.answerPings` is false), and records what
 * the client sent: pings, the namespace CONNECT with its query, `SUBSCRIBE_CHANNEL`s and other events.
 * `next` applies to connections made after it is changed.
 */
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { listen } from './static-server.mjs';

/**
 * @typedef {{ pingInterval: number, pingTimeout: number, answerPings: boolean, namespaceAnswer: string | null }} ConnectionSettings
 * @typedef {{
 *   index: number, ws: WebSocket, query: URLSearchParams, settings: ConnectionSettings,
 *   received: string[], pings: number, namespaceQuery: string | null, namespaceConnected: boolean,
 *   subscribed: string[], emitted: unknown[], closed: boolean,
 *   send(frame: string | Buffer): void, event(payload: unknown, namespace?: string): void, terminate(): void
 * }} HostileConnection
 */

/** The default: a server that behaves, as the real channel's handshake says (socket.io@2's defaults but a long pingTimeout). */
export const DEFAULT_SETTINGS = Object.freeze({ pingInterval: 25_000, pingTimeout: 20_000, answerPings: true, namespaceAnswer: '40/chat,' });

/** One Socket.IO v2 EVENT packet `MEDIA_SESSION_RESPONSE` with `payload`, in `namespace`. */
export function eventFrame(/** @type {unknown} */ payload, namespace = '/chat') {
  return `42${namespace === '/' ? '' : `${namespace},`}${JSON.stringify(['MEDIA_SESSION_RESPONSE', payload])}`;
}

export async function startHostileSocketIo() {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocket.Server({ server, path: '/socket.io/' });
  /** @type {HostileConnection[]} */
  const connections = [];
  /** What the next connections get. */
  const next = /** @type {ConnectionSettings} */ ({ ...DEFAULT_SETTINGS });
  /** The most connections open at once (counted as each opens). */
  const stats = { maxOpen: 0 };

  wss.on('connection', (ws, req) => {
    const settings = { ...next };
    /** @type {HostileConnection} */
    const conn = {
      index: connections.length,
      ws,
      query: new URL(req.url ?? '/', 'http://x').searchParams,
      settings,
      received: [],
      pings: 0,
      namespaceQuery: null,
      namespaceConnected: false,
      subscribed: [],
      emitted: [],
      closed: false,
      send: (frame) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      },
      event: (payload, namespace) => conn.send(eventFrame(payload, namespace)),
      terminate: () => ws.terminate(),
    };
    connections.push(conn);
    stats.maxOpen = Math.max(stats.maxOpen, connections.filter((c) => !c.closed).length);
    ws.on('message', (data) => {
      const text = typeof data === 'string' ? data : String(data);
      conn.received.push(text.slice(0, 2000));
      if (text === '2') {
        conn.pings++;
        if (settings.answerPings) conn.send('3');
      } else if (text.startsWith('40/chat')) {
        conn.namespaceQuery = text.slice(2);
        if (settings.namespaceAnswer !== null) {
          conn.send(settings.namespaceAnswer);
          if (settings.namespaceAnswer.startsWith('40/chat')) conn.namespaceConnected = true;
        }
      } else if (text.startsWith('42/chat,')) {
        try {
          const [name, payload] = JSON.parse(text.slice('42/chat,'.length));
          if (name === 'SUBSCRIBE_CHANNEL') conn.subscribed.push(payload?.channel?._id);
          else conn.emitted.push([name, payload]);
        } catch {
          conn.emitted.push(['unreadable', text.slice(0, 200)]);
        }
      }
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      conn.closed = true;
    });
    conn.send(`0${JSON.stringify({ sid: `hostile-${conn.index}`, upgrades: [], pingInterval: settings.pingInterval, pingTimeout: settings.pingTimeout })}`);
    conn.send('40');
  });

  const api = await listen(server, '127.0.0.1');
  return {
    origin: api.origin,
    /** The `socket-url` for the button (loopback, so `ws:` is allowed). */
    socketUrl: `${api.origin.replace(/^http/, 'ws')}/chat`,
    connections,
    next,
    stats,
    /** Connections still open. */
    open: () => connections.filter((conn) => !conn.closed),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
      await api.close();
    },
  };
}
