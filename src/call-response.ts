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

/**
 * The callees (`isCaller` not true) of a parsed JSON body, or `undefined` when
 * the body has no `receivers` array of objects with at least one callee.
 */
export function readReceivers(body: unknown): Receiver[] | undefined {
  const receivers = isRecord(body) ? body.receivers : undefined;
  if (!Array.isArray(receivers) || !receivers.every(isRecord)) return undefined;
  const callees = receivers
    .filter((receiver) => !(isRecord(receiver.callingDetails) && receiver.callingDetails.isCaller === true))
    .map((receiver) => ({
      address: text(receiver.address),
      displayname: text(receiver.displayname),
      callStatus: text(isRecord(receiver.callingDetails) ? receiver.callingDetails.callStatus : undefined),
    }));
  return callees.length > 0 ? callees : undefined;
}

/** The `message` of a JSON error body, if it has a non-empty string one. */
export function readServerMessage(body: string): string | undefined {
  const parsed = parseJson(body);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_FIELD_LENGTH) : '';
}
