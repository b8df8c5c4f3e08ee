/**
 * Upgrading existing tel: links. This page opts in with the page-wide meta tag before the
 * script loads, as a CRM template would.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { SpacesCallButton } from '../src/spaces-call-button.js';
import { mockApi, until } from './support/mock-api.js';

type Module = typeof import('../src/spaces-call-button.js');
let module: Module;
const api = mockApi();

function meta(name: string, content: string) {
  const element = document.createElement('meta');
  element.name = `spaces-call-button:${name}`;
  element.content = content;
  document.head.append(element);
}

describe('tel: links', () => {
  before(async () => {
    document.body.innerHTML = '<p id="early"><a id="early-link" href="tel:+44-20-7946-0958">020 7946 0958</a></p>';
    meta('upgrade-tel-links', 'true');
    meta('api-base', api.apiBase);
    meta('token', 'tok-links');
    meta('default-country', 'GB');
    module = await import('../src/spaces-call-button.js');
  });

  it('with the page-wide meta tag, links in the page become call buttons, the link kept hidden', async () => {
    await until(() => document.querySelector('#early spaces-call-button') !== null, 'the upgrade');
    const button = document.querySelector<SpacesCallButton>('#early spaces-call-button')!;
    await button.updateComplete;

    expect(button.e164).to.equal('+442079460958');
    expect(document.querySelector<HTMLAnchorElement>('#early-link')!.hidden).to.equal(true);
  });

  it('links added later are upgraded too, keeping their data-* and their words', async () => {
    const list = await fixture(html`<ul></ul>`);
    list.innerHTML = '<li><a href="tel:+12025550143" data-record-id="r-9">Call the office</a></li>';
    await until(() => list.querySelector('spaces-call-button') !== null, 'the upgrade of a new link');
    const button = list.querySelector<SpacesCallButton>('spaces-call-button')!;
    await button.updateComplete;

    expect(button.dataset.recordId).to.equal('r-9');
    expect(button.textContent).to.equal('Call the office');
    const start = new Promise<CustomEvent>((resolve) => button.addEventListener('spaces-call-start', (e) => resolve(e as CustomEvent)));
    await button.call();
    expect((await start).detail.data).to.deep.equal({ recordId: 'r-9' });
    expect((await api.requests()).at(-1)!.callees).to.deep.equal([{ address: '+12025550143', displayname: '' }]);
  });

  it('skips links marked data-spaces-call="off", on the link or an ancestor', async () => {
    const box = await fixture(html`<div>
      <a id="own" data-spaces-call="off" href="tel:+12025550143">a</a>
      <section data-spaces-call="off"><a id="inherited" href="tel:+12025550144">b</a></section>
    </div>`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(box.querySelectorAll('spaces-call-button')).to.have.length(0);
  });

  it('leaves links working where no token is configured', async () => {
    module.configureSpacesCallButtons({ token: '' });
    try {
      const box = await fixture(html`<div><a href="tel:+12025550143">x</a></div>`);
      module.upgradeTelLinks(box);
      expect(box.querySelector('spaces-call-button')).to.equal(null);
      expect(box.querySelector('a')!.hidden).to.equal(false);
    } finally {
      module.configureSpacesCallButtons({ token: undefined });
    }
  });

  it('upgradeTelLinks() upgrades a subtree on demand and stops watching when told', async () => {
    const box = document.createElement('div'); // not in the document: only the explicit call reaches it
    box.innerHTML = '<a href="tel:+12025550145">x</a>';
    const stop = module.upgradeTelLinks(box);
    expect(box.querySelectorAll('spaces-call-button')).to.have.length(1);

    stop();
    box.insertAdjacentHTML('beforeend', '<a href="tel:+12025550146">y</a>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(box.querySelectorAll('spaces-call-button')).to.have.length(1);
  });
});
