/**
 * Reading a successful answer of `POST /api/spacescalling/{callType}/call`.
 * Pure; anything the API sends is treated as untrusted data.
 */

/** One callee as the API reports it. Strings only: whatever else arrives is dropped. */
export interface Receiver {
  address: string;
  displayname: string;
  callStatus: string;
}

/** Longer strings are cut: a hostile answer must not make the button huge. */
const MAX_FIELD_LENGTH = 200;
/** One call has one callee; more than this many receivers are not shown (nor formatted, nor reported). */
const MAX_RECEIVERS = 20;
/** Bidirectional controls in the API's strings would reorder the button's text (`\u202E` "gnp.exe"). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The callees (`isCaller` not true) of a parsed JSON body, or `undefined` when
 * the body has no `receivers` array of objects with at least one callee.
 */
export function readReceivers(body: unknown): Receiver[] | undefined {
  const receivers = isRecord(body) ? body.receivers : undefined;
  if (!Array.isArray(receivers) || !receivers.every(isRecord)) return undefined;
  const callees = receivers
    .slice(0, MAX_RECEIVERS)
    .filter((receiver) => !(isRecord(receiver.callingDetails) && receiver.callingDetails.isCaller === true))
    .map((receiver) => ({
      address: text(receiver.address),
      displayname: text(receiver.displayname),
      callStatus: text(isRecord(receiver.callingDetails) ? receiver.callingDetails.callStatus : undefined),
    }));
  return callees.length > 0 ? callees : undefined;
}

/** The ids that later call events name: `spaceCallId` (this call) and `topicId` (its space); '' when absent. */
export function readCallIds(body: unknown): { spaceCallId: string; topicId: string } {
  const id = (key: string) => (isRecord(body) && Object.hasOwn(body, key) ? text(body[key]) : '');
  return { spaceCallId: id('spaceCallId'), topicId: id('topicId') };
}

/** The `message` of a parsed JSON error body, if it has a non-empty string one. */
export function readServerMessage(parsed: unknown): string | undefined {
  const message = isRecord(parsed) && typeof parsed.message === 'string' ? text(parsed.message).trim() : '';
  return message || undefined;
}

/** `JSON.parse` that returns `undefined` instead of throwing. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * A parsed answer with every string value that contains `secret` rewritten to show `[token]`: an API
 * that echoes the token must not put it into the button, an event or an error message.
 */
export function hideSecret(value: unknown, secret: string): unknown {
  if (typeof value === 'string') return value.replaceAll(secret, '[token]');
  if (Array.isArray(value)) return value.map((item) => hideSecret(item, secret));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hideSecret(item, secret)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(BIDI_CONTROLS, '').slice(0, MAX_FIELD_LENGTH) : '';
}
