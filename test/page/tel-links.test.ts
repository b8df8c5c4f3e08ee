/**
 * Upgrading existing tel: links. This page opts in with the page-wide meta tag before the
 * script loads, as a CRM template would.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { watchTelLinks } from '../../src/page/tel-links.js';
import { mockApi, until } from '../support/mock-api.js';
import { addPageMeta as meta } from '../support/page-meta.js';

type Module = typeof import('../../src/spaces-call-button.js');
let module: Module;
const api = mockApi();

describe('tel: links', () => {
  before(async () => {
    document.body.innerHTML = '<p id="early"><a id="early-link" href="tel:+44-20-7946-0958">020 7946 0958</a></p>';
    meta('upgrade-tel-links', 'true');
    meta('api-base', api.apiBase);
    meta('token', 'tok-links');
    meta('default-country', 'GB');
    module = await import('../../src/spaces-call-button.js');
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
      watchTelLinks(box);
      expect(box.querySelector('spaces-call-button')).to.equal(null);
      expect(box.querySelector('a')!.hidden).to.equal(false);
    } finally {
      module.configureSpacesCallButtons({ token: undefined });
    }
  });

  it('upgradeTelLinks() loads the upgrade, upgrades a subtree on demand and stops watching when told', async () => {
    const box = document.createElement('div'); // not in the document: only the explicit call reaches it
    box.innerHTML = '<a href="tel:+12025550145">x</a>';
    const stop = module.upgradeTelLinks(box);
    await until(() => box.querySelector('spaces-call-button') !== null, 'the upgrade, once its code has loaded');

    stop();
    await new Promise((resolve) => setTimeout(resolve)); // the stop waits for the same load
    box.insertAdjacentHTML('beforeend', '<a href="tel:+12025550146">y</a>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(box.querySelectorAll('spaces-call-button')).to.have.length(1);
  });

  it('upgradeTelLinks() stopped before its code has loaded upgrades nothing', async () => {
    const box = document.createElement('div');
    box.innerHTML = '<a href="tel:+12025550149">x</a>';
    module.upgradeTelLinks(box)();
    await new Promise((resolve) => setTimeout(resolve, 20));
    box.insertAdjacentHTML('beforeend', '<a href="tel:+12025550150">y</a>');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(box.querySelectorAll('spaces-call-button')).to.have.length(0);
    expect(box.querySelector('a')!.hidden).to.equal(false);
  });

  describe('tel: links with token-url', () => {
    /** A subtree out of the document: only its own upgradeTelLinks reaches it, not the page-wide one. */
    function detachedLinks(): HTMLDivElement {
      const box = document.createElement('div');
      box.innerHTML = '<a href="tel:+12025550147">x</a>';
      return box;
    }
    const upgraded = (box: ParentNode) => box.querySelectorAll('spaces-call-button').length;
    /** The page defaults' listeners (page-defaults.ts keeps them on the global object). */
    const defaultsListeners = () =>
      (globalThis as unknown as Record<symbol, { listeners: Set<unknown> }>)[Symbol.for('spaces-call-button.page-defaults')].listeners.size;

    beforeEach(() => module.configureSpacesCallButtons({ token: '' })); // no token source: the <meta> token is overridden
    afterEach(() => module.configureSpacesCallButtons({ token: undefined, tokenUrl: undefined, getToken: undefined }));

    it('token-url as the page’s only token source upgrades the links', () => {
      module.configureSpacesCallButtons({ tokenUrl: '/spaces/token' });
      const box = detachedLinks();

      const stop = watchTelLinks(box);

      expect(upgraded(box)).to.equal(1);
      expect(box.querySelector('a')!.hidden).to.equal(true);
      stop();
    });

    for (const [what, source] of [
      ['token-url', { tokenUrl: '/spaces/token' }],
      ['getToken', { getToken: () => 'later-token' }],
      ['token', { token: 'later-token' }],
    ] as const) {
      it(`a ${what} configured after the links were seen upgrades them`, () => {
        const box = detachedLinks();
        const stop = watchTelLinks(box);
        expect(upgraded(box), 'no token source yet').to.equal(0);

        module.configureSpacesCallButtons(source);

        expect(upgraded(box)).to.equal(1);
        module.configureSpacesCallButtons({ displayName: 'x' }); // any later change
        module.configureSpacesCallButtons({ displayName: undefined });
        expect(upgraded(box), 'each link is upgraded once').to.equal(1);
        stop();
      });
    }

    it('a token-url <meta> added later upgrades the page’s links (the page-wide meta tag’s watcher)', async () => {
      const box = await fixture(html`<p><a href="tel:+12025550148">x</a></p>`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(upgraded(box), 'no token source yet').to.equal(0);
      const metaTags = [...document.head.querySelectorAll<HTMLMetaElement>('meta[name="spaces-call-button:token"]')];
      metaTags.forEach((tag) => tag.remove());
      await new Promise((resolve) => setTimeout(resolve));
      module.configureSpacesCallButtons({ token: undefined }); // now no <meta> token is left to apply
      try {
        expect(upgraded(box), 'still none').to.equal(0);

        meta('token-url', '/spaces/token');
        await new Promise((resolve) => setTimeout(resolve)); // the meta tags' observer has run
        expect(upgraded(box)).to.equal(1);

        expect(box.querySelector('a')!.hidden).to.equal(true);
      } finally {
        document.head.querySelector('meta[name="spaces-call-button:token-url"]')?.remove();
        document.head.append(...metaTags);
      }
    });

    it('the function that stops watching also stops listening for a token source', () => {
      const listenersBefore = defaultsListeners();
      const box = detachedLinks();
      const stop = watchTelLinks(box);

      stop();
      module.configureSpacesCallButtons({ tokenUrl: '/spaces/token' });

      expect(upgraded(box)).to.equal(0);
      expect(defaultsListeners(), 'no listener left behind').to.equal(listenersBefore);
    });
  });
});
