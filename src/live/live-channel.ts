/**
 * The page's one connection to the Spaces real-time channel, shared by every button and every copy of
 * the script: opened at the first live call, kept while calls are followed, closed two minutes after
 * the last. It subscribes each followed call's space, re-subscribes after reconnecting, asks the token
 * provider once more when the channel rejects the token, and sends cancels. Loaded lazily with `live`.
 */
import type { Receiver } from '../api/call-response.js';
import { LIVE_CHANNELS_KEY } from '../api/sign-out.js';
import type { TokenProvider } from '../api/token-source.js';
import type { TokenType } from '../api/token-url.js';
import { obtainToken } from '../api/token-source.js';
import type { TokenGrant } from '../api/token-url.js';
import { readCallEvents } from './call-events.js';
import { deliverCallEvents } from './call-registry.js';
import { connectSocketIo, type SocketIoConnection } from './socket-io-v2.js';

export interface LiveChannelOptions {
  /** `wss://host/chat` (checked by the caller). */
  url: URL;
  tokenType: TokenType;
  getToken?: TokenProvider;
  tokenUrl?: string;
  token?: string;
}

/** Why the channel could not be used; reported in `spaces-call-end`'s detail, never as a call error. */
export type UnavailableReason = 'unreachable' | 'unauthorized' | 'no-token' | 'insecure-url';

export type ChannelState = { state: 'connecting' } | { state: 'open' } | { state: 'unavailable'; reason: UnavailableReason };

/** One call being followed: its space is subscribed, and the listener hears the channel's state. */
export interface FollowedCall {
  spaceCallId: string;
  topicId: string;
}

export interface LiveChannel {
  readonly current: ChannelState;
  /** Keeps the channel for this call until the returned function is called; `onState` hears each change. */
  watch(call: FollowedCall, onState: (state: ChannelState) => void): () => void;
  /** Sends the cancel of a call not yet answered; false when the channel is not open. */
  cancel(call: FollowedCall, callee: Receiver): boolean;
  /** Closes it now (signed out: forgetSpacesToken); the calls it followed hear it is unavailable (`no-token`). */
  close(): void;
}

/** Closed this long after the last followed call. */
export const IDLE_CLOSE_MS = 120_000;
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000];
/** Failed reconnections (about a minute) after which the followed calls are told the channel is gone. */
const MAX_RECONNECTS = 8;
const TOKEN_TYPES: Record<TokenType, string> = { jwt: 'jwt', bearer: 'oauth' };

const channels: Map<string, LiveChannel> = ((globalThis as { [LIVE_CHANNELS_KEY]?: Map<string, LiveChannel> })[LIVE_CHANNELS_KEY] ??= new Map());

/** The page's channel at `options.url`, connecting it if it is not open (or trying again if it was unavailable). */
export function liveChannel(options: LiveChannelOptions): LiveChannel {
  const key = options.url.href;
  let channel = channels.get(key) as Channel | undefined;
  if (!channel) channels.set(key, (channel = new Channel(options, () => channels.delete(key))));
  channel.start(options);
  return channel;
}

class Channel implements LiveChannel {
  current: ChannelState = { state: 'connecting' };
  private connection?: SocketIoConnection;
  /** A connection is being made (its token is being fetched). */
  private connecting = false;
  private readonly watchers = new Map<FollowedCall, (state: ChannelState) => void>();
  private attempt = 0;
  private refreshed = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private idleTimer?: ReturnType<typeof setTimeout>;
  /** Bumped on each connection, so that a late token or close of an older one changes nothing. */
  private generation = 0;

  constructor(
    private options: LiveChannelOptions,
    private readonly onClosed: () => void,
  ) {}

  start(options: LiveChannelOptions): void {
    this.options = options;
    this.keepAlive();
    if (this.connecting) return;
    if (this.current.state === 'unavailable' || (!this.connection && !this.retryTimer)) {
      this.refreshed = false;
      this.attempt = 0;
      void this.connect(false);
    }
  }

  watch(call: FollowedCall, onState: (state: ChannelState) => void): () => void {
    this.watchers.set(call, onState);
    clearTimeout(this.idleTimer);
    if (this.current.state === 'open') this.subscribe(call);
    return () => {
      if (this.watchers.delete(call) && this.watchers.size === 0) this.keepAlive();
    };
  }

  cancel(call: FollowedCall, callee: Receiver): boolean {
    if (this.current.state !== 'open' || !this.connection) return false;
    this.connection.emit('SEND_MEDIA_SESSION_EVENTS', {
      category: 'space.call.cancelled',
      spaceCallId: call.spaceCallId,
      topicId: call.topicId,
      receivers: [{ address: callee.address, displayname: callee.displayname, type: 'aura' }],
      content: {},
    });
    return true;
  }

  /** With no call followed, the connection closes after IDLE_CLOSE_MS. */
  private keepAlive(): void {
    clearTimeout(this.idleTimer);
    if (this.watchers.size === 0) this.idleTimer = setTimeout(() => this.close(), IDLE_CLOSE_MS);
  }

  close(): void {
    this.generation++;
    this.connection?.close();
    this.connection = undefined;
    this.onClosed();
    // The calls it followed stop waiting for it. A call that then stops following it may set the idle timer: cleared after.
    this.setState({ state: 'unavailable', reason: 'no-token' });
    this.watchers.clear();
    clearTimeout(this.retryTimer);
    clearTimeout(this.idleTimer);
  }

  private setState(state: ChannelState): void {
    this.current = state;
    for (const onState of [...this.watchers.values()]) onState(state);
  }

  private async connect(forceRefresh: boolean): Promise<void> {
    const generation = ++this.generation;
    this.retryTimer = undefined;
    if (this.current.state !== 'connecting') this.setState({ state: 'connecting' });
    this.connecting = true;
    const grant = await this.token(forceRefresh);
    this.connecting = false;
    if (generation !== this.generation) return;
    if (!grant) return this.setState({ state: 'unavailable', reason: 'no-token' });
    let refused = false;
    this.connection = connectSocketIo(
      this.options.url,
      { tokenType: TOKEN_TYPES[grant.tokenType ?? this.options.tokenType], token: grant.token },
      {
        onConnect: () => {
          this.attempt = 0;
          this.setState({ state: 'open' });
          for (const call of this.watchers.keys()) this.subscribe(call);
        },
        onEvent: (name, args) => {
          if (name === 'MEDIA_SESSION_RESPONSE') deliverCallEvents(readCallEvents(args[0]));
        },
        onRefused: () => (refused = true),
        onClose: (reason) => {
          if (generation !== this.generation) return;
          this.connection = undefined;
          const wasOpen = this.current.state === 'open';
          if (refused) return this.onRefused();
          // Never connected (offline, blocked, wrong URL), or lost for good: the calls stop waiting for it.
          if (reason === 'unreachable' && !wasOpen && (this.attempt === 0 || this.attempt >= MAX_RECONNECTS)) {
            this.setState({ state: 'unavailable', reason: 'unreachable' });
          }
          this.retry();
        },
      },
    );
  }

  /** A rejected token: one fresh one from the provider, then the channel is unavailable. */
  private onRefused(): void {
    if ((this.options.getToken || this.options.tokenUrl) && !this.refreshed) {
      this.refreshed = true;
      void this.connect(true);
    } else {
      this.setState({ state: 'unavailable', reason: 'unauthorized' });
    }
  }

  /** Reconnects with growing delays while calls are followed. */
  private retry(): void {
    if (this.watchers.size === 0 && this.current.state === 'unavailable') return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt++, RECONNECT_DELAYS_MS.length - 1)];
    this.retryTimer = setTimeout(() => void this.connect(false), delay);
  }

  private subscribe(call: FollowedCall): void {
    if (call.topicId) this.connection?.emit('SUBSCRIBE_CHANNEL', { channel: { type: 'topic', _id: call.topicId } });
  }

  private async token(forceRefresh: boolean): Promise<TokenGrant | undefined> {
    try {
      return await obtainToken(this.options, forceRefresh);
    } catch {
      return undefined; // the provider failed or the user is signed out: the call says so, not the channel
    }
  }
}
