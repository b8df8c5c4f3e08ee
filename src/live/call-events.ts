/**
 * Reading Spaces call events: what happened to a call after its offer. Pure; every payload is
 * untrusted and nothing here throws.
 *
 * Accepted shapes (see ../shared/spaces-api/REALTIME.md): one event object (a webhook body, or the
 * payload of the channel's `MEDIA_SESSION_RESPONSE`), a `{ data: [ … ] }` wrapper as the offer,
 * cancelled and not-answered webhooks are sent, or an array of events.
 */

/** What a call event means for the caller. */
export type CallEventKind = 'answered' | 'declined' | 'not-answered' | 'failed' | 'cancelled' | 'ended';

export interface CallEvent {
  kind: CallEventKind;
  spaceCallId: string;
}

/** Both spellings of each category: the documented webhooks' and the Spaces sample app's. */
const KINDS: Record<string, CallEventKind> = {
  'space.call.accepted': 'answered',
  'space.call.offer.accepted': 'answered',
  'space.call.rejected': 'declined',
  'space.call.offer.rejected': 'declined',
  'space.call.not.answered': 'not-answered',
  'space.call.offer.not.answered': 'not-answered',
  'space.call.failed': 'failed',
  'space.call.offer.failed': 'failed',
  'space.call.no.capability': 'failed',
  'space.call.cancelled': 'cancelled',
  'space.call.ended': 'ended',
  'video.end': 'ended',
};

/** Ids are short; a longer string is not one of ours, and is not worth comparing. */
const MAX_ID_LENGTH = 200;
/** A wrapper or array holds a handful of events; more are ignored. */
const MAX_EVENTS = 50;

/** The call events in `payload`, in order; unknown categories and malformed entries are left out. */
export function readCallEvents(payload: unknown): CallEvent[] {
  let list: unknown[];
  try {
    const data = isRecord(payload) ? own(payload, 'data') : undefined;
    list = (Array.isArray(payload) ? payload : Array.isArray(data) ? data : [payload]).slice(0, MAX_EVENTS);
  } catch {
    return []; // a revoked Proxy, a getter that throws
  }
  return list.map(readCallEvent).filter((event): event is CallEvent => event !== undefined);
}

function readCallEvent(item: unknown): CallEvent | undefined {
  try {
    if (!isRecord(item)) return undefined;
    const category = own(item, 'category');
    const spaceCallId = own(item, 'spaceCallId');
    if (typeof category !== 'string' || !Object.hasOwn(KINDS, category)) return undefined;
    if (typeof spaceCallId !== 'string' || !spaceCallId || spaceCallId.length > MAX_ID_LENGTH) return undefined;
    return { kind: KINDS[category], spaceCallId };
  } catch {
    return undefined; // this entry only: the others of the batch still count
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property of the object itself: `__proto__` or `constructor` keys lead nowhere else. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
