/**
 * Page defaults: `<meta>` tags (read once, when the first button renders) and configureSpacesCallButtons().
 * This file's page sets its meta tags before any button renders.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import { configureSpacesCallButtons, type SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, NUMBERS, type MockApi } from '../support/mock-api.js';
import { addPageMeta as addMeta } from '../support/page-meta.js';

describe('page defaults', () => {
  let api: MockApi;

  before(() => {
    api = mockApi();
    addMeta('api-base', api.apiBase);
    addMeta('token', 'page-token');
    addMeta('token-type', 'bearer');
    addMeta('default-country', 'DE');
    addMeta('reset-delay', '60000');
  });
  afterEach(() => configureSpacesCallButtons({ getToken: undefined, defaultCountry: undefined, token: undefined }));

  it('come from <meta> tags without any script of the page', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="030 23125000"></spaces-call-button>`);
    await el.call();

    expect(el.e164).to.equal('+493023125000');
    const [request] = (await api.requests()).slice(-1);
    expect(request).to.include({ scheme: 'bearer', token: 'page-token' });
  });

  it('are overridden by a button’s own attributes', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button
      number="020 7946 0958"
      default-country="GB"
      token="own-token"
      token-type="jwt"
    ></spaces-call-button>`);
    await el.call();

    expect(el.e164).to.equal('+442079460958');
    const [request] = (await api.requests()).slice(-1);
    expect(request).to.include({ scheme: 'jwt', token: 'own-token' });
  });

  it('from script override the meta tags, give a token provider, and update buttons already on the page', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="020 7946 0958"></spaces-call-button>`);
    expect(el.e164).to.equal('+492079460958'); // German, by the meta default

    configureSpacesCallButtons({ defaultCountry: 'GB', getToken: () => 'provided-token' });
    await el.updateComplete;
    expect(el.e164).to.equal('+442079460958');

    await el.call();
    const [request] = (await api.requests()).slice(-1);
    expect(request).to.include({ token: 'provided-token' });
  });

  it('a button’s own token wins over the page’s provider', async () => {
    configureSpacesCallButtons({ getToken: () => 'provided-token' });
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number=${NUMBERS.success} token="own-token"></spaces-call-button>`);
    await el.call();

    const [request] = (await api.requests()).slice(-1);
    expect(request).to.include({ token: 'own-token' });
  });
});

describe('meta tags added after the buttons', () => {
  it('are read again, and the buttons update', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="06 12 34 56 78"></spaces-call-button>`);
    expect(el.e164).to.equal('+49612345678'); // German, by the first meta tags

    addMeta('default-country', 'FR'); // a later tag with the same name wins
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;

    expect(el.e164).to.equal('+33612345678');
  });
});
