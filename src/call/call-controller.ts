/**
 * Loaded with the API client at the first sign of intent (client-loader.ts), not with the page.
 *
 * Drives one button's calls: the request, the lifecycle (call-lifecycle.ts) and its one timer, following
 * the call over the channel or the host's reports, cancelling, and the events. The element only checks
 * the number and renders; this is the rest of what a click starts.
 */
import type { ReactiveControllerHost } from 'lit';
import { callErrors, type CallError } from '../api/call-error.js';
import { DEFAULT_CALL_TYPE } from '../api/call-type.js';
import { enterCallGate } from './call-gate.js';
import { advance, deadlineOf, endOf, IDLE, type CallEnd, type CallEndOutcome, type Lifecycle, type LifecycleInput, type LifecycleTimes, type PlacedCall } from './call-lifecycle.js';
import { resolveCallSettings, type ButtonSettings, type CallSettings } from '../api/call-settings.js';
import { pageDefaults } from '../page/page-defaults.js';
import type { ValidPhone } from '../phone/phone.js';
import { createSpacesClient } from '../api/spaces-client.js';
import { createCallEvent, type CallEndDetail, type CallStartDetail } from '../element/events.js';
import type { Messages } from '../i18n/messages.js';
import { followCall } from '../live/call-registry.js';
import type { ChannelState, LiveChannel } from '../live/live-channel.js';

export type CallControllerHost = Pick<ReactiveControllerHost, 'requestUpdate'> & EventTarget;

/** How the channel went for the call shown, for `spaces-call-end`. */
type LiveReport = Pick<CallEndDetail, 'live' | 'liveProblem'>;

/** Milliseconds the "Calling …" status (without live) or a call's outcome stays before the button is ready again. */
const DEFAULT_RESET_DELAY = 4000;

let liveModule: Promise<typeof import('../live/live-channel.js') | undefined> | undefined;
/** The channel code loads only for `live` buttons; a failed load is tried again at the next call. */
function loadLive() {
  return (liveModule ??= import('../live/live-channel.js').catch(() => (liveModule = undefined)));
}

/** Needs no lifecycle callbacks: the element calls `abandon` once a removal is certain (not a move in the page). */
export class CallController {
  state: Lifecycle = IDLE;
  /** How the last call ended; `null` before any, and while the next is under way. */
  outcome: CallEndOutcome | null = null;
  private times: LifecycleTimes = { resetDelay: 0, answerTimeout: 0 };
  private base?: CallStartDetail;
  private abortController?: AbortController;
  /** Gives back this button's place among the calls being placed on the page. */
  private leaveGate?: () => void;
  private timer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private channel?: LiveChannel;
  private channelOpen = false;
  private live: LiveReport = { live: 'off' };
  private stopFollowing: (() => void)[] = [];

  /** `words` gives the texts an error message is worded in (the button's language). */
  constructor(
    private readonly host: CallControllerHost,
    private readonly words: () => Messages,
  ) {}

  /** A click now cancels the call: it is calling, followed, and the channel is open. */
  get canCancel(): boolean {
    return this.state.status === 'calling' && this.state.call.live && this.channelOpen;
  }

  get busy(): boolean {
    return this.state.status === 'placing' || this.state.status === 'calling' || this.state.status === 'answered';
  }

  /** Starts placing: from now on more clicks do nothing. Returns the signal that a newer number or removal aborts. */
  begin(): AbortSignal {
    this.abandon();
    this.abortController = new AbortController();
    this.outcome = null;
    this.apply({ type: 'place' });
    return this.abortController.signal;
  }

  /** Back to idle before any request (an invalid number, a start event prevented). */
  drop(): void {
    this.abandon();
    this.state = IDLE;
    this.host.requestUpdate();
  }

  /**
   * Places a call to `phone` with the button's own settings over the page's; resolves when the request
   * has ended. `data` is the button's `data-*` attributes, for the events.
   */
  async place(phone: ValidPhone, own: ButtonSettings & { resetDelay?: number }, data: CallStartDetail['data']): Promise<void> {
    const signal = this.abortController?.signal;
    const defaults = pageDefaults();
    const resolved = resolveCallSettings(own, defaults, document.baseURI);
    const callType = resolved.ok ? resolved.settings.callType : own.callType || DEFAULT_CALL_TYPE;
    const base: CallStartDetail = { number: phone.e164, callType, ...(phone.extension ? { extension: phone.extension } : {}), data };
    this.base = base;
    // Failures known before any request go straight to spaces-call-error: a start event promises a request.
    if (!resolved.ok) return this.fail(resolved.error);
    const { settings } = resolved;
    this.times = { resetDelay: own.resetDelay ?? defaults.resetDelay ?? DEFAULT_RESET_DELAY, answerTimeout: settings.answerTimeout };
    const leaveGate = enterCallGate(settings.maxConcurrentCalls);
    if (!leaveGate) return this.fail(callErrors.busy());
    this.leaveGate = leaveGate;
    try {
      if (!this.host.dispatchEvent(createCallEvent('spaces-call-start', base))) return this.drop();
      // The channel connects while the request is under way; the request never waits for it.
      const channel = settings.live && 'url' in settings.live ? this.openChannel(settings, settings.live.url) : undefined;
      this.live = settings.live && 'unavailable' in settings.live ? { live: 'unavailable', liveProblem: settings.live.unavailable } : { live: 'off' };
      const request = { address: base.number, displayName: settings.displayName, callType: base.callType, signal };
      const outcome = await createSpacesClient(settings).placeCall(request);
      // Removed, or the number changed: this answer belongs to nobody any more.
      if (signal?.aborted) return;
      this.abortController = undefined;
      if (!outcome.ok) return this.fail(outcome.error.kind === 'signed-out' && settings.signInUrl ? { ...outcome.error, signInUrl: settings.signInUrl } : outcome.error);
      const { receivers, spaceCallId, topicId } = outcome;
      const call: PlacedCall = { spaceCallId, topicId, receivers, startedAt: Date.now(), live: Boolean(channel && spaceCallId) };
      this.apply({ type: 'placed', call });
      this.host.dispatchEvent(createCallEvent('spaces-call-success', { ...base, receivers, response: outcome.response }));
      if (spaceCallId) this.follow(call, channel);
    } finally {
      leaveGate();
      this.leaveGate = undefined;
    }
  }

  /** Cancels a followed call that has not been answered; returns whether it did. */
  cancel(): boolean {
    if (!this.canCancel || this.state.status !== 'calling') return false;
    const { call } = this.state;
    if (!this.channel?.cancel(call, call.receivers[0])) return false;
    this.apply({ type: 'cancel' });
    return true;
  }

  /** The number changed: a call of the old one ends (reported as `unknown`), an error is dropped. */
  reset(): void {
    this.apply({ type: 'reset' });
    this.abandon();
  }

  /**
   * Removed from the page: the request is abandoned and nothing more is announced or dispatched for the
   * call. An error stays, so that a button put back shows it.
   */
  abandon(): void {
    this.abortController?.abort();
    this.abortController = undefined;
    this.leaveGate?.();
    this.leaveGate = undefined;
    this.stopFollowingCall();
    clearTimeout(this.timer);
    if (this.state.status !== 'error' && this.state.status !== 'idle') this.state = IDLE;
  }

  private openChannel(settings: CallSettings, url: URL): Promise<LiveChannel | undefined> {
    const { tokenType = 'jwt', getToken, tokenUrl, token } = settings;
    return loadLive().then((module) => module?.liveChannel({ url, tokenType, getToken, tokenUrl, token }));
  }

  private follow(call: PlacedCall, channel: Promise<LiveChannel | undefined> | undefined): void {
    if (channel) this.live = { live: 'followed' };
    // Events that came before the API's answer are handed over at once: the call may even be over already.
    const stop = followCall(call.spaceCallId, ({ kind }) => this.apply({ type: 'event', kind }));
    if (!this.isShowing(call)) return stop();
    this.stopFollowing.push(stop);
    if (!channel) return;
    void channel.then((live) => {
      if (!this.isShowing(call)) return;
      if (!live) return this.onChannel({ state: 'unavailable', reason: 'unreachable' });
      this.channel = live;
      this.stopFollowing.push(live.watch(call, (state) => this.onChannel(state)));
      this.onChannel(live.current);
    });
  }

  private onChannel(state: ChannelState): void {
    this.channelOpen = state.state === 'open';
    if (state.state === 'unavailable') {
      this.live = { live: 'unavailable', liveProblem: state.reason };
      this.apply({ type: 'unfollow' });
    }
    this.host.requestUpdate();
  }

  private isShowing(call: PlacedCall): boolean {
    return (this.state.status === 'calling' || this.state.status === 'answered') && this.state.call.spaceCallId === call.spaceCallId;
  }

  private fail(englishError: CallError): void {
    const error = { ...englishError, message: this.words().error?.(englishError) ?? englishError.message };
    this.apply({ type: 'failed', error });
    this.host.dispatchEvent(createCallEvent('spaces-call-error', { ...this.base!, ...error }));
  }

  private apply(input: LifecycleInput): void {
    const before = this.state;
    const now = Date.now();
    const after = advance(before, input, now, this.times);
    if (after === before) return;
    this.state = after;
    const end = endOf(before, after, now);
    if (end) this.stopFollowingCall();
    if (this.base && after.status !== before.status && (after.status === 'answered' || after.status === 'ended' || after.status === 'idle')) {
      const call = 'call' in before ? before.call : undefined;
      if (call) {
        const outcome = after.status === 'ended' ? { outcome: after.outcome } : {};
        this.host.dispatchEvent(createCallEvent('spaces-call-update', { ...this.base, spaceCallId: call.spaceCallId, status: after.status, ...outcome }));
      }
    }
    if (end) this.dispatchEnd(end);
    this.schedule();
    this.host.requestUpdate();
  }

  private dispatchEnd({ call, outcome, answeredAt, endedAt }: CallEnd): void {
    this.outcome = outcome;
    const iso = (time: number) => new Date(time).toISOString();
    this.host.dispatchEvent(
      createCallEvent('spaces-call-end', {
        ...this.base!,
        spaceCallId: call.spaceCallId,
        outcome,
        startedAt: iso(call.startedAt),
        ...(answeredAt === undefined ? {} : { answeredAt: iso(answeredAt), durationMs: endedAt - answeredAt }),
        endedAt: iso(endedAt),
        ...this.live,
      }),
    );
  }

  /** One timer for the next deadline, and a once-a-second render while answered (the elapsed time). */
  private schedule(): void {
    clearTimeout(this.timer);
    const deadline = deadlineOf(this.state, this.times);
    if (deadline !== undefined) this.timer = setTimeout(() => this.apply({ type: 'deadline' }), Math.max(0, deadline - Date.now()));
    const answered = this.state.status === 'answered';
    if (answered && !this.ticker) this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
    if (!answered && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private stopFollowingCall(): void {
    for (const stop of this.stopFollowing.splice(0)) stop();
    this.channel = undefined;
    this.channelOpen = false;
    if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
