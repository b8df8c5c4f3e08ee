/**
 * Watches a test page for what must never happen: uncaught errors, unhandled promise rejections,
 * and a main thread that stops answering (the longest gap between zero-delay timers).
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

/** Keeps setting `setTimeout(…, 0)` and records the longest it took one to fire. */
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

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
