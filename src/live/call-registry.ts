/**
 * Routes call events to the button that placed the call, by `spaceCallId`: from the real-time channel
 * and from the host (`reportSpacesCallEvent`, which works with `live` off). Kept on the global object,
 * so that every copy of the script on a page shares it; created by the first call of the page.
 */
import { readCallEvents, type CallEvent } from './call-events.js';
import { REGISTRY_KEY, type ReportTarget } from './report-call-event.js';

export type CallEventListener = (event: CallEvent) => void;

interface Registry extends ReportTarget {
  followers: Map<string, CallEventListener>;
  /** Events that came before their button knew its call's id (the channel can beat the API's answer). */
  early: { event: CallEvent; at: number }[];
}

const registry: Registry = ((globalThis as { [REGISTRY_KEY]?: Registry })[REGISTRY_KEY] ??= {
  followers: new Map(),
  early: [],
  report: (payload) => deliverCallEvents(readCallEvents(payload)),
});

/** How long, and how many, events for no known call are kept for a call that may be about to start. */
const EARLY_MS = 30_000;
const MAX_EARLY = 500;

/** Sends the events of call `spaceCallId` to `listener` (with any that came early); returns the function that stops. */
export function followCall(spaceCallId: string, listener: CallEventListener): () => void {
  registry.followers.set(spaceCallId, listener);
  dropStaleEvents(Date.now());
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
  dropStaleEvents(now);
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

function dropStaleEvents(now: number): void {
  registry.early = registry.early.filter(({ at }) => now - at < EARLY_MS);
}
