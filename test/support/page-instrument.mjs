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

/**
 * What a leak would grow in a page, after full garbage collections, read through the DevTools protocol: its JS
 * heap (bytes), DOM nodes, JS event listeners, and the listeners on `window` and on `document`.
 * @param {import('playwright-core').CDPSession} cdp
 */
export async function pageResources(cdp) {
  for (let i = 0; i < 4; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  const listenersOn = async (/** @type {string} */ expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: /** @type {string} */ (result.objectId) });
    return listeners.length;
  };
  return { heap: usedSize, nodes, jsEventListeners, windowListeners: await listenersOn('window'), documentListeners: await listenersOn('document') };
}

/**
 * How much each figure grew from `before` to `after`: `pageResources`, and the live timers a page's probes count.
 * @typedef {Awaited<ReturnType<typeof pageResources>> & { liveTimers: number }} Measured
 * @param {Measured} before
 * @param {Measured} after
 */
export function growthBetween(before, after) {
  return {
    heapBytes: after.heap - before.heap,
    nodes: after.nodes - before.nodes,
    jsEventListeners: after.jsEventListeners - before.jsEventListeners,
    windowListeners: after.windowListeners - before.windowListeners,
    documentListeners: after.documentListeners - before.documentListeners,
    liveTimers: after.liveTimers - before.liveTimers,
  };
}
