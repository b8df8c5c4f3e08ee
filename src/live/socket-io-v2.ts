/**
 * A Socket.IO v2 client for one namespace, over a WebSocket only: the part of the protocol that the
 * Spaces channel uses (Engine.IO 3 open, ping and message packets; Socket.IO CONNECT, EVENT, ERROR and
 * DISCONNECT packets as text). About 1 KB instead of socket.io-client 2's 20 KB gzip, which would also
 * bring the polling transports that the Spaces channel must not use. Tested against the real
 * `socket.io@2` server (the mock channel). Reconnecting is the caller's business (live-channel.ts).
 */

export interface SocketIoHandlers {
  /** The namespace accepted the connection. */
  onConnect(): void;
  /** An EVENT packet: `[name, ...args]`. */
  onEvent(name: string, args: unknown[]): void;
  /** The server refused the namespace connection (an `ERROR` packet, such as a rejected token). */
  onRefused(reason: string): void;
  /** The connection ended, or never opened; `onRefused` may have come first. Called once. */
  onClose(reason: 'closed' | 'server-disconnect' | 'ping-timeout' | 'unreachable'): void;
}

/** Engine.IO 3 packet types, then Socket.IO packet types inside a MESSAGE (4). */
const OPEN = '0';
const PING = '2';
const PONG = '3';
const MESSAGE = '4';
const SIO_CONNECT = '0';
const SIO_DISCONNECT = '1';
const SIO_EVENT = '2';
const SIO_ERROR = '4';

/** Larger messages are dropped unread: nothing the channel sends us is near this. */
const MAX_MESSAGE_LENGTH = 1_000_000;

export interface SocketIoConnection {
  emit(name: string, data: unknown): void;
  close(): void;
}

/**
 * Connects to `url` (`wss://host/namespace`) with `query` on both the Engine.IO handshake and the
 * namespace CONNECT packet, as socket.io-client 2 does. Never throws; failures reach `onClose`.
 */
export function connectSocketIo(url: URL, query: Record<string, string>, handlers: SocketIoHandlers): SocketIoConnection {
  const namespace = url.pathname.replace(/\/+$/, '') || '/';
  const search = new URLSearchParams(query).toString();
  const socketUrl = new URL('/socket.io/', url);
  socketUrl.search = `EIO=3&transport=websocket${search ? `&${search}` : ''}`;
  const prefix = namespace === '/' ? '' : `${namespace},`;

  let socket: WebSocket | undefined;
  let opened = false;
  let connected = false;
  let closed = false;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;

  const finish = (reason: Parameters<SocketIoHandlers['onClose']>[0]) => {
    if (closed) return;
    closed = true;
    clearTimeout(pingTimer);
    clearTimeout(pongTimer);
    if (socket) {
      socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
      try {
        socket.close();
      } catch {
        // already closing
      }
    }
    handlers.onClose(reason);
  };

  const send = (packet: string) => {
    if (!closed && socket?.readyState === WebSocket.OPEN) socket.send(packet);
  };

  const startPinging = (interval: number, timeout: number) => {
    const ping = () => {
      send(PING);
      pongTimer = setTimeout(() => finish('ping-timeout'), timeout);
      pingTimer = setTimeout(ping, interval);
    };
    pingTimer = setTimeout(ping, interval);
  };

  const onSocketIoPacket = (packet: string) => {
    const type = packet[0];
    let rest = packet.slice(1);
    if (prefix) {
      // Ours only: `/chat,` or `/chat?…,` (or a bare `/chat`), not `/chatroom` nor the root's connect.
      if (!rest.startsWith(namespace) || !/^(?:[,?]|$)/.test(rest.slice(namespace.length))) return;
      rest = rest.slice(namespace.length).replace(/^\?[^,]*/, '');
      if (rest.startsWith(',')) rest = rest.slice(1);
    }
    if (type === SIO_CONNECT) {
      connected = true;
      handlers.onConnect();
    } else if (type === SIO_DISCONNECT) {
      finish('server-disconnect');
    } else if (type === SIO_ERROR) {
      const reason = parse(rest);
      handlers.onRefused(typeof reason === 'string' ? reason.slice(0, 200) : 'refused');
      finish('closed');
    } else if (type === SIO_EVENT && connected) {
      const args = parse(rest.replace(/^\d+/, '')); // an ack id may come before the array
      if (Array.isArray(args) && typeof args[0] === 'string') handlers.onEvent(args[0], args.slice(1));
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string' || data.length > MAX_MESSAGE_LENGTH) return;
    const type = data[0];
    if (type === OPEN) {
      if (opened) return; // a second handshake on one connection is the server's mistake: one ping loop only
      opened = true;
      const open = parse(data.slice(1)) as { pingInterval?: unknown; pingTimeout?: unknown } | undefined;
      const interval = typeof open?.pingInterval === 'number' ? open.pingInterval : 25_000;
      const timeout = typeof open?.pingTimeout === 'number' ? open.pingTimeout : 5_000;
      startPinging(Math.max(interval, 1_000), Math.max(timeout, 1_000));
      if (prefix) send(`${MESSAGE}${SIO_CONNECT}${namespace}${search ? `?${search}` : ''},`);
    } else if (type === PONG) {
      clearTimeout(pongTimer);
    } else if (type === MESSAGE) {
      onSocketIoPacket(data.slice(1));
    }
  };

  try {
    socket = new WebSocket(socketUrl);
  } catch {
    // A URL that CSP or the browser refuses outright: reported like an unreachable server, after this call returns.
    queueMicrotask(() => finish('unreachable'));
    return { emit() {}, close: () => finish('closed') };
  }
  socket.onmessage = (event) => onMessage(event.data);
  socket.onclose = () => finish(connected ? 'closed' : 'unreachable');
  socket.onerror = () => finish(connected ? 'closed' : 'unreachable');

  return {
    emit(name, data) {
      if (connected) send(`${MESSAGE}${SIO_EVENT}${prefix}${JSON.stringify([name, data])}`);
    },
    close: () => {
      if (connected) send(`${MESSAGE}${SIO_DISCONNECT}${prefix}`);
      finish('closed');
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
