/** The events a `<spaces-call-button>` fires. They bubble, cross shadow roots and never carry the token. */
import type { CallErrorKind } from './call-error.js';

export interface CallStartDetail {
  /** The number dialled, in E.164. */
  number: string;
  callType: string;
  /** The extension written with the number; shown to the user, not dialled. */
  extension?: string;
}

export interface CallSuccessDetail extends CallStartDetail {
  receivers: { address: string; displayname: string; callStatus: string }[];
  /** The API's parsed answer. */
  response: unknown;
}

export interface CallErrorDetail extends CallStartDetail {
  kind: CallErrorKind;
  status?: number;
  message: string;
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
