import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { hostileApi } from '../support/hostile-api.js';
import { mockApi, NUMBERS, until } from '../support/mock-api.js';

const button = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!;
const status = (el: SpacesCallButton) => el.shadowRoot!.querySelector<HTMLElement>('[part=status]')!;

/** A server that sends no answer until the client goes: `placing` lasts however long the checks take on this machine. */
const HELD = 10 * 60_000;

/** A button in each state: idle, invalid, placing (an answer that does not come), calling, error. */
async function inEveryState(scheme: 'light' | 'dark'): Promise<Record<string, SpacesCallButton>> {
  const api = mockApi();
  const held = hostileApi().base('delay', HELD);
  const wrapper = await fixture(html`<div style="color-scheme: ${scheme}; background: ${scheme === 'dark' ? '#111' : '#fff'}; padding: 8px">
    ${['idle', 'invalid', 'placing', 'calling', 'error'].map(
      (state) => html`<spaces-call-button
        id=${state}
        number=${{ idle: NUMBERS.success, invalid: '020 7946', placing: NUMBERS.success, calling: NUMBERS.success, error: NUMBERS.serverError }[state]!}
        default-country="GB"
        api-base=${state === 'placing' ? held : api.apiBase}
        token="tok-a11y"
        timeout=${state === 'placing' ? String(HELD) : '8000'}
        reset-delay="60000"
        max-concurrent-calls="0"
      ></spaces-call-button>`,
    )}
  </div>`);
  const get = (id: string) => wrapper.querySelector<SpacesCallButton>(`#${id}`)!;
  void get('placing').call();
  await get('calling').call();
  await get('error').call();
  await until(() => get('placing').status === 'placing', 'placing');
  return Object.fromEntries(['idle', 'invalid', 'placing', 'calling', 'error'].map((id) => [id, get(id)]));
}

/** A button that calls the mock's success number. */
async function callable(resetDelay: string) {
  const api = mockApi();
  const el = await fixture<SpacesCallButton>(html`<spaces-call-button
    number=${NUMBERS.success}
    api-base=${api.apiBase}
    token="tok-a11y"
    reset-delay=${resetDelay}
  ></spaces-call-button>`);
  return { api, el };
}

describe('accessibility', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference', forcedColors: 'none' }));

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe finds no violation in any state, ${scheme}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const buttons = await inEveryState(scheme);
      for (const [state, el] of Object.entries(buttons)) {
        expect(el.status, state).to.equal(state);
        await expect(el, `${state} (${scheme})`).to.be.accessible();
      }
      buttons.placing.remove();
    });
  }

  it('is a real button reached with Tab and pressed with Enter or Space, with a visible focus ring', async () => {
    const { api, el } = await callable('0');
    const before = document.createElement('input');
    el.before(before);
    before.focus();

    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    expect(getComputedStyle(button(el)).outlineStyle).to.equal('solid');

    await sendKeys({ press: 'Enter' });
    await until(() => el.status === 'idle', 'the call and the return to idle');
    await sendKeys({ press: 'Space' });
    await until(async () => (await api.requests()).length === 2, 'a second call by Space');
  });

  it('announces each status change once, through a polite live region that exists from the start', async () => {
    const { el } = await callable('60000');
    const region = status(el);
    expect(region.getAttribute('role')).to.equal('status');
    expect(button(el).getAttribute('aria-describedby')).to.equal('status');
    const changes: string[] = [];
    new MutationObserver(() => changes.push(region.textContent!)).observe(region, { childList: true, characterData: true, subtree: true });

    await el.call();
    await el.updateComplete;
    expect(status(el)).to.equal(region, 'the same live region, not a new one');
    expect(changes).to.deep.equal(['Placing call…', 'Calling +44 20 7946 0958…']);
  });

  it('stops the placing animation when the user prefers reduced motion', async () => {
    const buttons = await inEveryState('light');
    const icon = buttons.placing.shadowRoot!.querySelector('[part=icon]')!;
    expect(getComputedStyle(icon).animationName).to.equal('spaces-call-button-pulse');

    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(icon).animationName).to.equal('none');
    buttons.placing.remove();
  });

  it('stays visible in forced colors', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number=${NUMBERS.success}></spaces-call-button>`);
    const style = getComputedStyle(button(el));
    expect(style.borderTopStyle).to.equal('solid');
    expect(style.borderTopWidth).to.equal('1px');
  });
});
