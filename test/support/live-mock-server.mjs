// @ts-check
/**
 * The mock Spaces API with its real Socket.IO v2 channel (demo/mock-spaces-realtime.js) on a plain HTTP server of
 * its own, for the node:test files that drive the built files: the channel's URL, how many connections it holds now,
 * and how many WebSocket upgrades it has been asked for since it started.
 */
import { createServer } from 'node:http';
import { createMockSpacesApi } from '../../demo/mock-spaces-api.js';
import { listen } from './static-server.mjs';

/**
 * @param {Partial<import('../../demo/mock-spaces-realtime.js').Delays>} delays  the scenarios' delays (keep them short)
 * @param {{ slowMs?: number }} [options]
 */
export async function startLiveMock(delays, options = {}) {
  const mock = createMockSpacesApi({ ...options, realtime: delays });
  const server = createServer((req, res) => {
    if (!mock.handle(req, res)) res.writeHead(404).end();
  });
  mock.attach(server);
  let upgrades = 0;
  server.on('upgrade', (/** @type {import('node:http').IncomingMessage} */ req) => {
    if ((req.url ?? '').startsWith('/socket.io/')) upgrades++;
  });
  const api = await listen(server, 'localhost');
  return {
    mock,
    origin: api.origin,
    /** The channel URL to give `socket-url` (loopback, so `ws:` is allowed). */
    socketUrl: `${api.origin.replace(/^http/, 'ws')}/chat`,
    /** Connections the channel holds now (every user). */
    connections: () => mock.realtime.stats().connections,
    /** WebSocket upgrades asked of the channel so far. */
    upgrades: () => upgrades,
    /** @param {string} apiBase  @param {string} token */
    realtimeLog: async (apiBase, token) =>
      /** @type {Promise<{ connections: number, totalConnections: number, entries: { type: string, [key: string]: unknown }[] }>} */ (
        (await fetch(`${apiBase}/__realtime`, { headers: { authorization: `jwt ${token}` } })).json()
      ),
    close: async () => {
      mock.close();
      await api.close();
    },
  };
}
