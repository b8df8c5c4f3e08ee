/**
 * Hardening (#5), one call at a time: while a button is placing a call, a click on another button of
 * the page fails with `busy` ("Another call is being placed…") and sends nothing. `max-concurrent-calls`
 * (attribute, property or page default; default 1, `0` for no limit) sets how many may be placed at once.
 * `calling` does not hold a place: only `placing` does.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import { configureSpacesCallButtons, type SpacesCallButton } from '../../src/spaces-call-button.js';
import { hostileApi, type HostileApi } from '../support/hostile-api.js';
import { until } from '../support/mock-api.js';
import { sleep } from '../support/page-watch.js';

describe('hardening: one call at a time', () => {
  let api: HostileApi;
  let container: HTMLElement;

  /** A button whose call takes `delay` ms to be answered (0: at once). */
  function button(number: string, delay = 0, attributes: Record<string, string> = {}): SpacesCallButton {
    const el = document.createElement('spaces-call-button');
    el.setAttribute('number', number);
    el.setAttribute('default-country', 'GB');
    el.setAttribute('api-base', delay ? api.base('delay', delay) : api.base('ok'));
    el.setAttribute('token', 'tok-gate');
    el.setAttribute('reset-delay', '60000');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    container.append(el);
    return el;
  }
  function record(el: SpacesCallButton): string[] {
    const fired: string[] = [];
    el.addEventListener('spaces-call-start', () => fired.push('start'));
    el.addEventListener('spaces-call-success', () => fired.push('success'));
    el.addEventListener('spaces-call-error', (event) => fired.push(`error:${event.detail.kind}`));
    return fired;
  }
  /** Clicks the inner button (synchronously when the button has rendered). */
  async function click(el: SpacesCallButton): Promise<void> {
    if (!el.hasUpdated) await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
  }
  const statusLine = (el: SpacesCallButton) => el.shadowRoot!.querySelector('[part=status]')!.textContent;
  const placing = (el: SpacesCallButton) => until(() => el.status === 'placing', 'placing');
  const settled = (...els: SpacesCallButton[]) => until(() => els.every((el) => el.status !== 'placing'), 'the calls to end');
  const sentFor = async () => (await api.requests()).map((r) => JSON.parse(r.body).callees[0].address as string);

  beforeEach(async () => {
    api = hostileApi();
    container = await fixture(html`<div></div>`);
  });
  afterEach(() => configureSpacesCallButtons({ maxConcurrentCalls: undefined }));

  it('a second button clicked while the first is placing shows busy, fires only an error, and sends nothing', async () => {
    const first = button('020 7946 0958', 400);
    const second = button('020 7946 0959');
    await Promise.all([first.updateComplete, second.updateComplete]);
    const fired = record(second);

    await click(first);
    await placing(first);
    await click(second);
    await until(() => second.status !== 'placing' && second.status !== 'idle', 'the second to answer');
    await second.updateComplete;

    expect(second.status).to.equal('error');
    expect(second.error).to.include({ kind: 'busy' });
    expect(statusLine(second)).to.match(/Another call is being placed/);
    expect(fired).to.deep.equal(['error:busy']);
    await settled(first);
    expect(first.status).to.equal('calling');
    expect(await sentFor()).to.deep.equal(['+442079460958']);
  });

  it('once the first is calling (no longer placing), the other button places its call', async () => {
    const first = button('020 7946 0958', 400);
    const second = button('020 7946 0959');
    await click(first);
    await placing(first);
    await click(second);
    await settled(first, second);
    expect(second.error).to.include({ kind: 'busy' });

    await click(second); // after an error a click tries again
    await settled(second);
    expect([first.status, second.status]).to.deep.equal(['calling', 'calling']);
    expect(await sentFor()).to.deep.equal(['+442079460958', '+442079460959']);
  });

  it('clicking the placing button again does nothing (not busy, no second request)', async () => {
    const first = button('020 7946 0958', 200);
    const fired = record(first);
    await click(first);
    await placing(first);
    await click(first);
    await click(first);
    await settled(first);

    expect(fired).to.deep.equal(['start', 'success']);
    expect(await sentFor()).to.have.length(1);
  });

  // Regression (was a bug): the place was given back only when the aborted fetch had unwound (~2–15 ms later).
  // A removal is told from a move at the end of the task (a microtask), and the place is given back right then.
  it('the place is given back as soon as the placing button is removed', async () => {
    const first = button('020 7946 0958', 2000);
    const second = button('020 7946 0959');
    await click(first);
    await until(async () => (await api.requests()).length === 1, 'the first request');

    first.remove();
    await Promise.resolve();
    expect(first.status).to.equal('idle');
    await click(second);
    await settled(second);
    expect(second.status, statusLine(second)).to.equal('calling');
  });

  // Regression (was a bug, same cause): `el.number = other; await el.updateComplete; el.call()` while the old
  // number's request was under way failed with `busy` on that very button.
  it('a button given another number mid-request can call the new number at once', async () => {
    const el = button('020 7946 0958', 2000);
    await click(el);
    await until(async () => (await api.requests()).length === 1, 'the first request');

    el.number = '020 7946 0000';
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    await click(el);
    await settled(el);
    expect(el.status, statusLine(el)).to.equal('calling');
    expect(await sentFor()).to.deep.equal(['+442079460958', '+442079460000']);
  });

  it('the place is given back shortly after the placing button is removed', async () => {
    const first = button('020 7946 0958', 2000);
    const second = button('020 7946 0959');
    await click(first);
    await until(async () => (await api.requests()).length === 1, 'the first request');

    first.remove();
    await sleep(50);
    await click(second);
    await settled(second);
    expect(second.status, statusLine(second)).to.equal('calling');
  });

  for (const [how, attributes, setup] of [
    ['times out', { timeout: '150' }, () => {}],
    ['fails', {}, (el: SpacesCallButton) => el.setAttribute('api-base', api.base('status', 503))],
    ['is cancelled by its start event', {}, (el: SpacesCallButton) => el.addEventListener('spaces-call-start', (event) => event.preventDefault())],
  ] as const) {
    it(`the place is given back when the placing button's call ${how}`, async () => {
      const first = button('020 7946 0958', 1000, attributes);
      setup(first);
      await click(first);
      await settled(first);

      const second = button('020 7946 0959');
      await click(second);
      await settled(second);
      expect(second.status, statusLine(second)).to.equal('calling');
    });
  }

  it('max-concurrent-calls="2": two are placed at once, the third is busy', async () => {
    const els = ['0958', '0959', '0960'].map((end) => button(`020 7946 ${end}`, 300, { 'max-concurrent-calls': '2' }));
    await Promise.all(els.map((el) => el.updateComplete));
    els.forEach(click);
    await settled(...els);

    expect(els.map((el) => el.status)).to.deep.equal(['calling', 'calling', 'error']);
    expect(els[2].error).to.include({ kind: 'busy' });
    expect(await sentFor()).to.have.members(['+442079460958', '+442079460959']);
  });

  it('max-concurrent-calls="0": no limit', async () => {
    const els = ['0958', '0959', '0960', '0961', '0962'].map((end) => button(`020 7946 ${end}`, 200, { 'max-concurrent-calls': '0' }));
    await Promise.all(els.map((el) => el.updateComplete));
    els.forEach(click);
    await settled(...els);

    expect(els.map((el) => el.status)).to.deep.equal(['calling', 'calling', 'calling', 'calling', 'calling']);
    expect(await sentFor()).to.have.length(5);
  });

  it('the property works like the attribute', async () => {
    const els = ['0958', '0959'].map((end) => button(`020 7946 ${end}`, 200));
    els.forEach((el) => (el.maxConcurrentCalls = 0));
    await Promise.all(els.map((el) => el.updateComplete));
    els.forEach(click);
    await settled(...els);
    expect(els.map((el) => el.status)).to.deep.equal(['calling', 'calling']);
  });

  it('a page default from configureSpacesCallButtons applies, and a button’s own attribute wins', async () => {
    configureSpacesCallButtons({ maxConcurrentCalls: 0 });
    const free = ['0958', '0959', '0960'].map((end) => button(`020 7946 ${end}`, 200));
    await Promise.all(free.map((el) => el.updateComplete));
    free.forEach(click);
    await settled(...free);
    expect(free.map((el) => el.status)).to.deep.equal(['calling', 'calling', 'calling']);

    const limited = ['0961', '0962'].map((end) => button(`020 7946 ${end}`, 200, { 'max-concurrent-calls': '1' }));
    await Promise.all(limited.map((el) => el.updateComplete));
    limited.forEach(click);
    await settled(...limited);
    expect(limited.map((el) => el.error?.kind ?? el.status)).to.deep.equal(['calling', 'busy']);
  });

  for (const value of ['-1', '1.5', 'many']) {
    it(`max-concurrent-calls="${value}" is bad-config, and nothing is sent`, async () => {
      const el = button('020 7946 0958', 0, { 'max-concurrent-calls': value });
      await click(el);
      await settled(el);
      await sleep(20);
      expect(el.error).to.include({ kind: 'bad-config' });
      expect(el.error!.message).to.contain('max-concurrent-calls');
      expect(await api.requests()).to.deep.equal([]);
    });
  }

  it('rapid clicks down a list of 50 buttons place exactly one call', async () => {
    const els = Array.from({ length: 50 }, (_, i) => button(`020 7946 0${String(100 + i)}`, 300));
    await Promise.all(els.map((el) => el.updateComplete));
    els.forEach(click);
    await settled(...els);

    expect(els.filter((el) => el.status === 'calling')).to.have.length(1);
    expect(els.filter((el) => el.error?.kind === 'busy')).to.have.length(49);
    expect(await sentFor()).to.have.length(1);
  });
});
