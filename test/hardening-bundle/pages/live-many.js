// Many live buttons, each placing calls round after round, for the 1,000-live-calls test. The channel URL comes in
// the page's query (`?socket=ws://…/chat`). What is kept of the events is bounded: counts, and this round's ids.
// @ts-expect-error the built file, served at /dist/ by the test's static server (not resolvable at type-check time)
import { configureSpacesCallButtons } from '/dist/spaces-call-button.js';

/** @typedef {import('../../../src/spaces-call-button.js').SpacesCallButton} SpacesCallButton */
const page = /** @type {any} */ (window);
const box = /** @type {HTMLElement} */ (document.getElementById('box'));
configureSpacesCallButtons({ socketUrl: new URLSearchParams(location.search).get('socket') ?? '' });

const counts = { success: 0, error: 0, end: 0, update: 0, duplicateEnds: 0 };
/** @type {Record<string, number>} `${outcome} ${live}` → ends */
const outcomes = {};
/** @type {Map<string, { button: string, outcome: string }>} The calls that ended in this round (cleared by each round). */
let endedThisRound = new Map();
document.addEventListener('spaces-call-success', () => counts.success++);
document.addEventListener('spaces-call-error', () => counts.error++);
document.addEventListener('spaces-call-update', () => counts.update++);
document.addEventListener('spaces-call-end', (event) => {
  const { detail } = /** @type {CustomEvent} */ (event);
  counts.end++;
  const key = `${detail.outcome} ${detail.live}${detail.liveProblem ? `/${detail.liveProblem}` : ''}`;
  outcomes[key] = (outcomes[key] ?? 0) + 1;
  if (endedThisRound.has(detail.spaceCallId)) counts.duplicateEnds++;
  endedThisRound.set(detail.spaceCallId, { button: /** @type {HTMLElement} */ (event.target).id, outcome: detail.outcome });
});

/** Puts `count` live buttons on the page, each with its own number. */
async function make(/** @type {number} */ count) {
  const buttons = Array.from({ length: count }, (_, i) => {
    const el = /** @type {SpacesCallButton} */ (document.createElement('spaces-call-button'));
    el.id = `b${i}`;
    el.number = `020 7946 ${String(1000 + i)}`;
    return el;
  });
  box.append(...buttons);
  await Promise.all(buttons.map((el) => el.updateComplete));
}

/**
 * A round: a click on every button from `from` on (all idle; a new round when `from` is 0). Returns how many
 * were clicked.
 */
function round(from = 0) {
  if (from === 0) endedThisRound = new Map();
  const buttons = /** @type {SpacesCallButton[]} */ ([...box.querySelectorAll('spaces-call-button')]).slice(from);
  if (buttons.some((el) => el.status !== 'idle')) throw new Error('a button is not idle');
  for (const el of buttons) /** @type {HTMLButtonElement} */ (el.shadowRoot?.querySelector('[part=button]')).click();
  return buttons.length;
}

/** Clicks the first button only: the first call, which opens the page's channel. */
function first() {
  endedThisRound = new Map();
  /** @type {HTMLButtonElement} */ (box.querySelector('spaces-call-button')?.shadowRoot?.querySelector('[part=button]')).click();
}

/** The round is over: every button has ended its call once and is idle again. */
function roundOver() {
  const buttons = [...box.querySelectorAll('spaces-call-button')];
  const buttonsEnded = new Set([...endedThisRound.values()].map((end) => end.button));
  return buttons.every((el) => /** @type {SpacesCallButton} */ (el).status === 'idle') && buttonsEnded.size === buttons.length;
}

/** This round's calls: `[spaceCallId, outcome]`. */
function roundEnds() {
  return [...endedThisRound].map(([spaceCallId, { outcome }]) => [spaceCallId, outcome]);
}

/** What the page holds that a leak would grow. */
function probes() {
  const registry = page[Symbol.for('spaces-call-button.call-registry')];
  /** @type {Map<string, any> | undefined} */
  const channels = page[Symbol.for('spaces-call-button.live-channels')];
  const channel = channels ? [...channels.values()][0] : undefined;
  const gate = page[Symbol.for('spaces-call-button.call-gate')];
  const defaults = page[Symbol.for('spaces-call-button.page-defaults')];
  return {
    counts: { ...counts },
    outcomes: { ...outcomes },
    endedThisRound: endedThisRound.size,
    followers: registry?.followers.size ?? -1,
    earlyEvents: registry?.early.length ?? -1,
    channels: channels?.size ?? -1,
    channelState: channel?.current?.state ?? null,
    // A TypeScript-private field: there at run time (the build does not rename properties); -1 if it ever is not.
    watchers: channel?.watchers?.size ?? -1,
    callsPlacing: gate?.placing ?? -1,
    defaultsListeners: defaults?.listeners.size ?? -1,
    buttons: box.querySelectorAll('spaces-call-button').length,
    timers: page.__hygiene.timersByDelay(),
    liveTimers: page.__hygiene.liveTimers.size,
    liveIntervals: page.__hygiene.liveIntervals.size,
    rejections: page.__hygiene.rejections.slice(0, 5),
    errors: page.__hygiene.errors.slice(0, 5),
  };
}

page.liveMany = { make, first, round, roundOver, roundEnds, probes };
