/** With no default country set anywhere, the document's `lang` region is the default. This page has no page defaults. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';

describe('the default country from the document language', () => {
  const original = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = original;
  });

  it('is the region of lang="en-GB"', async () => {
    document.documentElement.lang = 'en-GB';
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="020 7946 0958"></spaces-call-button>`);
    expect(el.e164).to.equal('+442079460958');
  });

  it('is none for a language without a region: a national number is invalid', async () => {
    document.documentElement.lang = 'en';
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="020 7946 0958"></spaces-call-button>`);
    expect(el.status).to.equal('invalid');
    expect(el.shadowRoot!.querySelector('[part=status]')!.textContent).to.equal('Can’t call: a national number needs a default country');
  });

  it('never becomes US by default', async () => {
    document.documentElement.lang = '';
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="(202) 555-0143"></spaces-call-button>`);
    expect(el.e164).to.equal(null);
  });
});
