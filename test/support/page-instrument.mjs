// @ts-check
/**
 * What the node:test files put in a page before any of its scripts (`page.addInitScript(instrumentPage)`): live
 * timers and intervals (setTimeout/setInterval wrapped, each with its delay), unhandled promise rejections and
 * uncaught errors, on `window.__hygiene`. Self-contained: Playwright sends the function's source to the page.
 */
export function instrumentPage() {
  /** @type {Map<number, number>} live timer id → its delay */
  const liveTimers = new Map();
  /** @type {Map<number, number>} */
  const liveIntervals = new Map();
  /** @type {string[]} */
  const rejections = [];
  /** @type {string[]} */
  const errors = [];
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: stop } = window;
  /** @type {any} */ (window).setTimeout = (/** @type {any} */ handler, /** @type {number} */ ms, /** @type {any[]} */ ...args) => {
    const id = set(
      (/** @type {any[]} */ ...values) => {
        liveTimers.delete(id);
        if (typeof handler === 'function') handler(...values);
      },
      ms,
      ...args,
    );
    liveTimers.set(id, Number(ms) || 0);
    return id;
  };
  /** @type {any} */ (window).clearTimeout = (/** @type {any} */ id) => {
    liveTimers.delete(id);
    clear(id);
  };
  /** @type {any} */ (window).setInterval = (/** @type {any} */ handler, /** @type {number} */ ms, /** @type {any[]} */ ...args) => {
    const id = every(handler, ms, ...args);
    liveIntervals.set(id, Number(ms) || 0);
    return id;
  };
  /** @type {any} */ (window).clearInterval = (/** @type {any} */ id) => {
    liveIntervals.delete(id);
    stop(id);
  };
  window.addEventListener('unhandledrejection', (event) => rejections.push(String(event.reason?.stack ?? event.reason)));
  window.addEventListener('error', (event) => errors.push(event.message));
  /** Live timers by delay, `{ "25000": 1, "120000": 1 }`. */
  const timersByDelay = () => {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const ms of liveTimers.values()) counts[ms] = (counts[ms] ?? 0) + 1;
    return counts;
  };
  /** @type {any} */ (window).__hygiene = { liveTimers, liveIntervals, rejections, errors, timersByDelay };
}
