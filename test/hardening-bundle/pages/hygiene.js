// Mounts and unmounts batches of buttons for the resource hygiene test, some with a call under way.
const NUMBERS = ['020 7946 0958', '+44 20 7946 0123', '0044 20 7946 0456', 'tel:+44-20-7946-0789', '020 7946', 'not a number'];
/** The mock's scenario that answers late: a request that is still under way when its button goes. */
const SLOW = '+44 20 7946 0907';
/** @typedef {import('../../../src/spaces-call-button.js').SpacesCallButton} SpacesCallButton */
const box = /** @type {HTMLElement} */ (document.getElementById('box'));
const page = /** @type {any} */ (window);
const never = () => new Promise(() => {});

/**
 * One batch: `idle` buttons that only render, `tokenPending` whose call waits for a token provider that never
 * answers, `inFlight` whose request to the slow number is on the wire, and `timedOut` whose call has timed
 * out (an error stays shown) — all removed at the end. Returns how many calls reached the `placing` state.
 */
async function batch({ idle = 0, tokenPending = 0, inFlight = 0, timedOut = 0, timeout = 1000 }) {
  const make = (/** @type {string} */ number) => {
    const el = document.createElement('spaces-call-button');
    el.number = number;
    el.timeout = timeout;
    box.append(el);
    return el;
  };
  const plain = Array.from({ length: idle }, (_, i) => make(NUMBERS[i % NUMBERS.length]));
  const pending = Array.from({ length: tokenPending }, (_, i) => {
    const el = make(NUMBERS[i % 4]);
    el.getToken = /** @type {any} */ (never);
    return el;
  });
  const flying = Array.from({ length: inFlight }, () => make(SLOW));
  const expiring = Array.from({ length: timedOut }, () => {
    const el = make(SLOW);
    el.timeout = 30;
    return el;
  });
  const all = [...plain, ...pending, ...flying, ...expiring];
  await Promise.all(all.map((el) => el.updateComplete));
  const calls = [...pending, ...flying, ...expiring].map((el) => el.call());
  await new Promise((resolve) => setTimeout(resolve, 20)); // the requests leave
  const placing = all.filter((el) => el.status === 'placing').length;
  if (expiring.length) await Promise.all(calls.slice(pending.length + flying.length));
  for (const el of all) el.remove();
  await Promise.all(calls);
  return placing;
}

/** What the page holds that a leak would grow. */
function probes() {
  // The page-wide stores that every copy of the script shares (src/page-defaults.ts, src/call-gate.ts).
  const defaults = page[Symbol.for('spaces-call-button.page-defaults')];
  const gate = page[Symbol.for('spaces-call-button.call-gate')];
  return {
    liveTimers: page.__hygiene.liveTimers.size,
    liveIntervals: page.__hygiene.liveIntervals.size,
    defaultsListeners: defaults?.listeners.size ?? -1,
    callsPlacing: gate?.placing ?? -1,
    buttonsInPage: document.querySelectorAll('spaces-call-button').length,
    rejections: page.__hygiene.rejections.slice(0, 5),
    errors: page.__hygiene.errors.slice(0, 5),
  };
}

page.hygiene = { batch, probes };
