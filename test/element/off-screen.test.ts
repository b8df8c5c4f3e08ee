/**
 * Long lists: a button far below the viewport renders its number as written and checks it only
 * when it comes near the viewport, is clicked, or is awaited. A record page (a screenful of buttons or
 * fewer) has every number checked at once.
 */
import { expect } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import { configureSpacesCallButtons, type SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, until } from '../support/mock-api.js';

const frames = (count: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(count);
  });

describe('a button far below the viewport', () => {
  let spacer: HTMLElement;
  /** The long list's first screen: 25 other buttons, more than a record page has. */
  let firstScreen: HTMLElement;
  const below = (number: string, attributes: Record<string, string> = {}) => {
    const el = document.createElement('spaces-call-button') as SpacesCallButton;
    el.setAttribute('number', number);
    el.setAttribute('default-country', 'GB');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    spacer.after(el);
    return el;
  };

  beforeEach(() => {
    firstScreen = document.createElement('div');
    firstScreen.innerHTML = Array.from({ length: 25 }, (_, i) => `<spaces-call-button number="0113 496 0${String(i).padStart(3, '0')}"></spaces-call-button>`).join('');
    spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(firstScreen, spacer);
  });
  afterEach(() => {
    document.body.querySelectorAll('spaces-call-button').forEach((el) => el.remove());
    firstScreen.remove();
    spacer.remove();
    window.scrollTo(0, 0);
  });

  it('shows the number as written and leaves it unchecked until it comes near the viewport', async () => {
    const el = below('020 7946 0958');
    await frames(3);
    expect(el.hasUpdated).to.equal(true);
    expect(el.e164).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=number]')!.textContent).to.equal('020 7946 0958');

    el.scrollIntoView();
    await until(() => el.e164 === '+442079460958', 'the check once in view');
  });

  it('is checked at once on a record page, whose few buttons cost less to check than to watch', async () => {
    firstScreen.replaceChildren(...[...firstScreen.children].slice(0, 3));
    const el = below('020 7946 0958');
    await frames(3); // not awaited: awaiting a button checks its number
    expect(el.e164, 'checked without coming into view').to.equal('+442079460958');
  });

  it('is checked before a click places a call, and an invalid number is never called', async () => {
    const api = mockApi();
    const invalid = below('020 7946', { 'api-base': api.apiBase, token: 'tok-off-screen' });
    const valid = below('020 7946 0958', { 'api-base': api.apiBase, token: 'tok-off-screen', 'reset-delay': '60000' });
    await frames(3);
    expect([invalid.e164, valid.e164, invalid.status]).to.deep.equal([null, null, 'idle']);

    await invalid.call();
    await valid.call();

    expect(invalid.status).to.equal('invalid');
    expect(valid.status).to.equal('calling');
    expect((await api.requests()).map((r) => r.callees)).to.deep.equal([[{ address: '+442079460958', displayname: '' }]]);
  });

  it('keeps its call when the page defaults change but the default country does not', async () => {
    const api = mockApi();
    const el = below('020 7946 0958', { 'api-base': api.apiBase, token: 'tok-off-screen-defaults', 'reset-delay': '60000' });
    const ends: CustomEvent[] = [];
    el.addEventListener('spaces-call-end', (event) => ends.push(event as CustomEvent));
    await el.call();
    expect(el.status).to.equal('calling');

    // A host that refreshes a page-wide setting (here the request timeout) while a call it placed off screen rings.
    configureSpacesCallButtons({ timeout: 20_000 });
    await el.updateComplete;
    try {
      expect([el.status, el.e164, ends.length]).to.deep.equal(['calling', '+442079460958', 0]);
    } finally {
      configureSpacesCallButtons({ timeout: undefined });
    }
  });

  it('is checked when a host awaits updateComplete', async () => {
    const el = below('+1 202 555 0143');
    await el.updateComplete;
    expect(el.e164).to.equal('+12025550143');
  });
});
