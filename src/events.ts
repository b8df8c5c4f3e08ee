/** The events a `<spaces-call-button>` fires. They bubble, cross shadow roots and never carry the token. */
import type { CallError, CallErrorKind } from './call-error.js';

export interface CallStartDetail {
  /** The number dialled, in E.164. */
  number: string;
  callType: string;
  /** The extension written with the number; shown to the user, not dialled. */
  extension?: string;
  /** The element's `data-*` attributes (`data-record-id` → `recordId`), to tie the call to a CRM record. */
  data: Record<string, string | undefined>;
}

export interface CallSuccessDetail extends CallStartDetail {
  receivers: { address: string; displayname: string; callStatus: string }[];
  /** The API's parsed answer. */
  response: unknown;
}

export interface CallErrorDetail extends CallStartDetail, Omit<CallError, 'kind'> {
  kind: CallErrorKind;
}

export interface CallEventDetails {
  'spaces-call-start': CallStartDetail;
  'spaces-call-success': CallSuccessDetail;
  'spaces-call-error': CallErrorDetail;
}

/** A bubbling, composed event; only `spaces-call-start` is cancelable. */
export function createCallEvent<K extends keyof CallEventDetails>(type: K, detail: CallEventDetails[K]): CustomEvent<CallEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type === 'spaces-call-start' });
}

export type CallStartEvent = CustomEvent<CallStartDetail>;
export type CallSuccessEvent = CustomEvent<CallSuccessDetail>;
export type CallErrorEvent = CustomEvent<CallErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'spaces-call-start': CallStartEvent;
    'spaces-call-success': CallSuccessEvent;
    'spaces-call-error': CallErrorEvent;
  }
}
