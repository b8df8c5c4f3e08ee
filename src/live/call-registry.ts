/**
 * Routes call events to the button that placed the call, by `spaceCallId`: from the real-time channel
 * and from the host (`reportSpacesCallEvent`). Kept on the global object, so that every copy of the
 * script on a page shares it. Small and in the first load: a host may relay events with `live` off.
 */
import { readCallEvents, type CallEvent } from './call-events.js';

export type CallEventListener = (event: CallEvent) => void;

interface Registry {
  followers: Map<string, CallEventListener>;
  /** Events that came before their button knew its call's id (the channel can beat the API's answer). */
  early: { event: CallEvent; at: number }[];
}

const REGISTRY_KEY = Symbol.for('spaces-call-button.call-registry');
const registry: Registry = ((globalThis as { [REGISTRY_KEY]?: Registry })[REGISTRY_KEY] ??= { followers: new Map(), early: [] });

/** How long, and how many, events for no known call are kept for a call that may be about to start. */
const EARLY_MS = 30_000;
const MAX_EARLY = 20;

/** Sends the events of call `spaceCallId` to `listener` (with any that came early); returns the function that stops. */
export function followCall(spaceCallId: string, listener: CallEventListener): () => void {
  registry.followers.set(spaceCallId, listener);
  const early = registry.early.filter(({ event }) => event.spaceCallId === spaceCallId);
  if (early.length) {
    registry.early = registry.early.filter(({ event }) => event.spaceCallId !== spaceCallId);
    for (const { event } of early) listener(event);
  }
  return () => {
    if (registry.followers.get(spaceCallId) === listener) registry.followers.delete(spaceCallId);
  };
}

/** Hands each event to the button following its call; returns whether one took any. */
export function deliverCallEvents(events: CallEvent[]): boolean {
  let taken = false;
  const now = Date.now();
  registry.early = registry.early.filter(({ at }) => now - at < EARLY_MS);
  for (const event of events) {
    const listener = registry.followers.get(event.spaceCallId);
    if (listener) {
      listener(event);
      taken = true;
    } else {
      registry.early = [...registry.early, { event, at: now }].slice(-MAX_EARLY);
    }
  }
  return taken;
}

/**
 * Hands a Spaces call event to the button of this page that placed that call: a webhook body, a
 * `{ data: [ … ] }` wrapper or a channel `MEDIA_SESSION_RESPONSE` payload, as a host's server relays
 * them. Returns whether a button took it. Works with `live` off; malformed payloads are ignored.
 */
export function reportSpacesCallEvent(payload: unknown): boolean {
  return deliverCallEvents(readCallEvents(payload));
}
