// Live buttons for the hostile-channel test: the channel URL comes in the page's query (`?socket=ws://…/chat`).
// @ts-expect-error the built file, served at /dist/ by the test's static server (not resolvable at type-check time)
import { configureSpacesCallButtons } from '/dist/spaces-call-button.js';

/** @typedef {import('../../../src/spaces-call-button.js').SpacesCallButton} SpacesCallButton */
const page = /** @type {any} */ (window);
const box = /** @type {HTMLElement} */ (document.getElementById('box'));
configureSpacesCallButtons({ live: true, socketUrl: new URLSearchParams(location.search).get('socket') ?? '' });

/** Every event of the buttons, as a CRM's call log keeps them. */
const log = { success: /** @type {any[]} */ ([]), update: /** @type {any[]} */ ([]), end: /** @type {any[]} */ ([]), error: /** @type {any[]} */ ([]) };
for (const type of /** @type {const} */ (['success', 'update', 'end', 'error'])) {
  document.addEventListener(`spaces-call-${type}`, (event) => {
    const { detail } = /** @type {CustomEvent} */ (event);
    log[type].push({ id: /** @type {HTMLElement} */ (event.target).id, ...detail, response: undefined, spaceCallId: detail.spaceCallId ?? detail.response?.spaceCallId, topicId: detail.response?.topicId });
  });
}

/** Every status text any button has shown, and the longest. */
const shown = { texts: /** @type {Set<string>} */ (new Set()), longest: 0 };

/** @param {string} id */
const button = (id) => /** @type {SpacesCallButton} */ (document.getElementById(id));

/** Puts a live button on the page. */
async function make(/** @type {string} */ id, /** @type {string} */ number, { resetDelay = 300, answerTimeout = 600_000 } = {}) {
  const el = /** @type {SpacesCallButton} */ (document.createElement('spaces-call-button'));
  el.id = id;
  el.number = number;
  el.resetDelay = resetDelay;
  el.answerTimeout = answerTimeout;
  box.append(el);
  await el.updateComplete;
  const region = /** @type {HTMLElement} */ (el.shadowRoot?.querySelector('[part=status]'));
  const record = () => {
    const text = region.textContent ?? '';
    shown.texts.add(text.slice(0, 200));
    shown.longest = Math.max(shown.longest, text.length);
  };
  record();
  new MutationObserver(record).observe(region, { childList: true, characterData: true, subtree: true });
}

/** A click, as a person would: calls, or cancels while a live call rings. */
function click(/** @type {string} */ id) {
  /** @type {HTMLButtonElement} */ (button(id).shadowRoot?.querySelector('[part=button]')).click();
}

function state(/** @type {string} */ id) {
  const el = button(id);
  return {
    status: el.status,
    outcome: el.outcome,
    text: el.shadowRoot?.querySelector('[part=status]')?.textContent ?? '',
    elapsed: el.shadowRoot?.querySelector('[part=elapsed]')?.textContent ?? null,
    label: el.shadowRoot?.querySelector('[part=button]')?.getAttribute('aria-label') ?? '',
    cancellable: el.matches(':state(cancellable)'),
  };
}

/** Anything a payload could have made into markup, anywhere in the page; and any sign that a script ran. */
function inspect() {
  const roots = [document, ...[...document.querySelectorAll('spaces-call-button')].map((el) => /** @type {ShadowRoot} */ (el.shadowRoot))];
  const dangerous = 'img, iframe, object, embed, video, audio, image, foreignObject, a:not([part=sign-in])';
  let markup = 0;
  let handlers = 0;
  let scripts = 0;
  for (const root of roots) {
    markup += root.querySelectorAll(dangerous).length;
    scripts += root === document ? 0 : root.querySelectorAll('script').length;
    for (const element of root.querySelectorAll('*')) {
      if ([...element.attributes].some((attribute) => attribute.name.startsWith('on'))) handlers++;
    }
  }
  const probe = /** @type {any} */ ({});
  return {
    markup,
    scripts,
    handlers,
    pageScripts: document.scripts.length,
    pwned: page.__pwned ?? null,
    polluted: ['category', 'spaceCallId', 'data', 'polluted'].filter((key) => key in probe),
    longestStatus: shown.longest,
    statusTexts: [...shown.texts],
  };
}

page.liveHostile = { make, click, state, inspect, log };
