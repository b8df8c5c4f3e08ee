/**
 * Watches a test page for what must never happen: uncaught errors, unhandled promise rejections, and a
 * main thread that does not let other work run while an answer is read (checked by order, not by time).
 * The longest gap between zero-delay timers is measured too, as a figure to print: it depends on the
 * machine, so tests never compare it with a limit (`npm run bench` reports it against its budget).
 */

export interface PageWatch {
  /** Messages of uncaught errors and unhandled rejections since the watch started. */
  readonly errors: string[];
  stop(): void;
}

export function watchPageErrors(): PageWatch {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(`error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(`unhandledrejection: ${String(event.reason?.stack ?? event.reason)}`);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

export interface Heartbeat {
  /** Stops the heartbeat; resolves to the longest wait, in ms, between a zero-delay timer being set and firing. */
  stop(): number;
}

/** Keeps setting `setTimeout(…, 0)` and records the longest it took one to fire: a figure to print, never to assert on. */
export function startHeartbeat(): Heartbeat {
  let longest = 0;
  let running = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const beat = () => {
    const setAt = performance.now();
    timer = setTimeout(() => {
      longest = Math.max(longest, performance.now() - setAt);
      if (running) beat();
    }, 0);
  };
  beat();
  return {
    stop() {
      running = false;
      clearTimeout(timer);
      return longest;
    },
  };
}

export interface ReadOrder {
  /**
   * For the answer to a request whose URL contains the watched text: whether a zero-delay timer, set the moment its
   * headers arrived (fetch resolved), fired while `reading()` still held. `undefined` until that timer has fired
   * (or when no such answer came).
   */
  readonly timerFiredWhileReading: boolean | undefined;
  stop(): void;
}

/**
 * Checks by order, not by time, that the page runs other work while an answer's body is read: wraps `window.fetch`
 * so that when the headers of an answer to a URL containing `urlPart` arrive, a zero-delay timer is set, and notes
 * whether `reading()` still held when it fired. A body read without letting other work run (a synchronous read,
 * or the whole answer processed in one task) ends the read before that timer can fire.
 */
export function watchReadOrder(urlPart: string, reading: () => boolean): ReadOrder {
  const original = window.fetch;
  const watch = { timerFiredWhileReading: undefined as boolean | undefined, stop: () => void (window.fetch = original) };
  let armed = false;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original.call(window, input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes(urlPart) && !armed) {
      armed = true;
      setTimeout(() => (watch.timerFiredWhileReading = reading()), 0);
    }
    return response;
  };
  return watch;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Marker {
  /** Whether the marker's timer has run. */
  readonly fired: boolean;
}

/**
 * A timer set now for `ms`. "Not before the deadline" is then checked by order, not by a clock: when the outcome
 * comes, a marker set for a little less than the deadline has fired. A busy machine delays both alike.
 */
export function markAfter(ms: number): Marker {
  const marker = { fired: false };
  setTimeout(() => (marker.fired = true), ms);
  return marker;
}
