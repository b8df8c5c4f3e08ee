/** The events a `<spaces-call-button>` fires. They bubble, cross shadow roots and never carry the token. */
import type { CallError, CallErrorKind } from '../api/call-error.js';
import type { CallEndOutcome } from '../call/call-lifecycle.js';

export interface CallStartDetail {
  /** The number dialled, in E.164. */
  number: string;
  /** The `{callType}` of the request: `aura` unless `call-type` says otherwise. */
  callType: string;
  /** The extension written with the number; shown to the user, not dialled. */
  extension?: string;
  /** The element's `data-*` attributes (`data-record-id` → `recordId`), to tie the call to a CRM record. */
  data: Record<string, string | undefined>;
}

export interface CallSuccessDetail extends CallStartDetail {
  /** Each callee as the API answered: its address, name and `callStatus` (at most 20). */
  receivers: { address: string; displayname: string; callStatus: string }[];
  /** The API's parsed answer. */
  response: unknown;
}

export interface CallErrorDetail extends CallStartDetail, Omit<CallError, 'kind'> {
  /** Why the call failed: one of the error kinds. */
  kind: CallErrorKind;
}

export interface CallUpdateDetail extends CallStartDetail {
  /** The call's id in Spaces (empty when the API's answer had none). */
  spaceCallId: string;
  /** The new status: `answered`, `ended`, or `idle` once the button is ready again. */
  status: 'answered' | 'ended' | 'idle';
  /** How the call ended, with `ended`. */
  outcome?: CallEndOutcome;
}

export interface CallEndDetail extends CallStartDetail {
  /** The call's id in Spaces (empty when the API's answer had none). */
  spaceCallId: string;
  /** How it ended: `answered`, `declined`, `not-answered`, `cancelled`, `failed` or `unknown` (always, without `live`). */
  outcome: CallEndOutcome;
  /** When the API accepted the call (an ISO time). */
  startedAt: string;
  /** When the callee answered (an ISO time), for an answered call. */
  answeredAt?: string;
  /** When the call ended, or was given up (an ISO time). */
  endedAt: string;
  /** From the answer to the end. */
  durationMs?: number;
  /** How the call was followed: `off` without `live`, `followed` over the channel, or `unavailable` (see `liveProblem`). */
  live: 'off' | 'followed' | 'unavailable';
  /** Why the channel could not be used: `unreachable`, `unauthorized`, `no-token` or `insecure-url`. */
  liveProblem?: string;
}

export interface CallEventDetails {
  'spaces-call-start': CallStartDetail;
  'spaces-call-success': CallSuccessDetail;
  'spaces-call-error': CallErrorDetail;
  'spaces-call-update': CallUpdateDetail;
  'spaces-call-end': CallEndDetail;
}

/** A bubbling, composed event; only `spaces-call-start` is cancelable. */
export function createCallEvent<K extends keyof CallEventDetails>(type: K, detail: CallEventDetails[K]): CustomEvent<CallEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type === 'spaces-call-start' });
}

export type CallStartEvent = CustomEvent<CallStartDetail>;
export type CallSuccessEvent = CustomEvent<CallSuccessDetail>;
export type CallErrorEvent = CustomEvent<CallErrorDetail>;
export type CallUpdateEvent = CustomEvent<CallUpdateDetail>;
export type CallEndEvent = CustomEvent<CallEndDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'spaces-call-start': CallStartEvent;
    'spaces-call-success': CallSuccessEvent;
    'spaces-call-error': CallErrorEvent;
    'spaces-call-update': CallUpdateEvent;
    'spaces-call-end': CallEndEvent;
  }
}
