/**
 * `reportSpacesCallEvent`, in the first load without the code that reads events: that comes with the
 * first call (call-registry.ts), and before any call no button of the page can take an event.
 */

/** Where the page's call registry lives, shared by every copy of the script. */
export const REGISTRY_KEY = Symbol.for('spaces-call-button.call-registry');

/** The part of the registry (call-registry.ts) that a host's report reaches. */
export interface ReportTarget {
  report(payload: unknown): boolean;
}

/**
 * Hands a Spaces call event to the button of this page that placed that call: a webhook body, a
 * `{ data: [ … ] }` wrapper or a channel `MEDIA_SESSION_RESPONSE` payload, as a host's server relays
 * them. Returns whether a button took it. Works with `live` off; malformed payloads are ignored.
 */
export function reportSpacesCallEvent(payload: unknown): boolean {
  const registry = (globalThis as { [REGISTRY_KEY]?: ReportTarget })[REGISTRY_KEY];
  return registry ? registry.report(payload) : false;
}
