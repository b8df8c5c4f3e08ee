/**
 * The life of one call, from the click to its outcome: placing → calling → answered → ended → idle
 * (or error). A pure state machine: inputs and the time in, the next state out, no DOM and no timers.
 * The element feeds it and schedules the one deadline it names (`deadlineOf`).
 */
import type { CallError } from '../api/call-error-kind.js';
import type { Receiver } from '../api/call-response.js';
import type { CallEventKind } from '../live/call-events.js';

/** How a call ended, as `spaces-call-end` reports it. */
export type CallEndOutcome = 'answered' | 'declined' | 'not-answered' | 'cancelled' | 'failed' | 'unknown';

/** A call the API accepted. */
export interface PlacedCall {
  /** The API's ids; empty strings when its answer had none (the call then cannot be followed). */
  spaceCallId: string;
  topicId: string;
  receivers: Receiver[];
  /** When the API accepted it (ms since the epoch). */
  startedAt: number;
  /** Followed over the channel: it waits for an outcome up to `answerTimeout`, not `resetDelay`. */
  live: boolean;
}

export type Lifecycle =
  | { status: 'idle' }
  | { status: 'placing' }
  | { status: 'calling'; call: PlacedCall }
  | { status: 'answered'; call: PlacedCall; answeredAt: number }
  | { status: 'ended'; call: PlacedCall; outcome: CallEndOutcome; answeredAt?: number; endedAt: number }
  | { status: 'error'; error: CallError };

export type LifecycleInput =
  | { type: 'place' }
  | { type: 'placed'; call: PlacedCall }
  | { type: 'failed'; error: CallError }
  /** An event of this call (from the channel or the host). */
  | { type: 'event'; kind: CallEventKind }
  | { type: 'cancel' }
  /** The channel cannot be used: a ringing call is shown as without `live`; an answered one ends (its end is unknowable). */
  | { type: 'unfollow' }
  /** The deadline named by `deadlineOf` has come. */
  | { type: 'deadline' }
  /** The number changed: whatever was going on is dropped. */
  | { type: 'reset' };

export interface LifecycleTimes {
  /** How long "Calling…" (without live) or the outcome stays before idle. */
  resetDelay: number;
  /** How long a live call may go unanswered before it is given up (outcome `unknown`). */
  answerTimeout: number;
}

/** What `spaces-call-end` reports of a call that ended. */
export interface CallEnd {
  call: PlacedCall;
  outcome: CallEndOutcome;
  answeredAt?: number;
  endedAt: number;
}

export const IDLE: Lifecycle = { status: 'idle' };

const OUTCOMES: Record<Exclude<CallEventKind, 'answered'>, CallEndOutcome> = {
  declined: 'declined',
  'not-answered': 'not-answered',
  failed: 'failed',
  cancelled: 'cancelled',
  // An end before any answer says nothing of how it went.
  ended: 'unknown',
};

/** The state after `input` at time `now`; the same object when the input changes nothing. */
export function advance(state: Lifecycle, input: LifecycleInput, now: number, times: LifecycleTimes): Lifecycle {
  if (input.type === 'reset') return state.status === 'idle' ? state : IDLE;
  switch (state.status) {
    case 'idle':
    case 'error':
    case 'ended':
      if (input.type === 'place') return { status: 'placing' };
      if (state.status === 'ended' && input.type === 'deadline' && now >= state.endedAt + times.resetDelay) return IDLE;
      return state;
    case 'placing':
      if (input.type === 'placed') return { status: 'calling', call: input.call };
      if (input.type === 'failed') return { status: 'error', error: input.error };
      return state;
    case 'calling':
      return whileCalling(state, input, now, times);
    case 'answered':
      // The end event, or the channel lost for good: then the end time is when following stopped.
      if ((input.type === 'event' && input.kind === 'ended') || input.type === 'unfollow') {
        return { status: 'ended', call: state.call, outcome: 'answered', answeredAt: state.answeredAt, endedAt: now };
      }
      return state;
  }
}

function whileCalling(state: Extract<Lifecycle, { status: 'calling' }>, input: LifecycleInput, now: number, times: LifecycleTimes): Lifecycle {
  const { call } = state;
  switch (input.type) {
    case 'event':
      if (input.kind === 'answered') return { status: 'answered', call, answeredAt: now };
      return { status: 'ended', call, outcome: OUTCOMES[input.kind], endedAt: now };
    case 'cancel':
      return call.live ? { status: 'ended', call, outcome: 'cancelled', endedAt: now } : state;
    case 'unfollow':
      return call.live ? { status: 'calling', call: { ...call, live: false } } : state;
    case 'deadline':
      if (now < (deadlineOf(state, times) ?? Infinity)) return state;
      // Given up: a live call says so; without live the button simply becomes ready again, as it always has.
      return call.live ? { status: 'ended', call, outcome: 'unknown', endedAt: now } : IDLE;
    default:
      return state;
  }
}

/** When the state changes by itself (a `deadline` input is due then), or undefined. */
export function deadlineOf(state: Lifecycle, times: LifecycleTimes): number | undefined {
  if (state.status === 'calling') return state.call.startedAt + (state.call.live ? times.answerTimeout : times.resetDelay);
  if (state.status === 'ended') return state.endedAt + times.resetDelay;
  return undefined;
}

/** The end of a call that this step brings about, if any: `spaces-call-end` fires once with it. */
export function endOf(before: Lifecycle, after: Lifecycle, now: number): CallEnd | undefined {
  if (before === after || (before.status !== 'calling' && before.status !== 'answered')) return undefined;
  if (after.status === 'ended') return { call: after.call, outcome: after.outcome, answeredAt: after.answeredAt, endedAt: after.endedAt };
  if (after.status === 'calling' || after.status === 'answered') return undefined;
  const answeredAt = before.status === 'answered' ? before.answeredAt : undefined;
  return { call: before.call, outcome: answeredAt === undefined ? 'unknown' : 'answered', answeredAt, endedAt: now };
}
