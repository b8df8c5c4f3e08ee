import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, NUMBERS } from '../support/mock-api.js';

const part = (el: SpacesCallButton, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part=${name}]`)!;

describe('theming', () => {
  it('takes --spaces-call-button-* custom properties inherited from an ancestor', async () => {
    const wrapper = await fixture(html`<div style="--spaces-call-button-color: rgb(200, 0, 100); --spaces-call-button-radius: 3px">
      <spaces-call-button number="+44 20 7946 0958"></spaces-call-button>
    </div>`);
    const el = wrapper.querySelector('spaces-call-button')!;
    await el.updateComplete;

    const button = getComputedStyle(part(el, 'button'));
    expect(button.color).to.equal('rgb(200, 0, 100)');
    expect(button.borderTopLeftRadius).to.equal('3px');
  });

  it('exposes each visible piece as a CSS part', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="+1 202 555 0143 x12"></spaces-call-button>`);
    for (const name of ['button', 'icon', 'number', 'extension', 'status']) expect(part(el, name), name).to.exist;
  });

  it('has link-like, button-like and icon-only variants, each at least 24 by 24 pixels', async () => {
    const sizes: Record<string, DOMRect> = {};
    for (const variant of ['button', 'link', 'icon']) {
      for (const size of ['small', 'medium', 'large']) {
        const el = await fixture<SpacesCallButton>(
          html`<spaces-call-button variant=${variant} size=${size} number="+44 20 7946 0958"></spaces-call-button>`,
        );
        const box = part(el, 'button').getBoundingClientRect();
        expect(box.width, `${variant} ${size} width`).to.be.at.least(24);
        expect(box.height, `${variant} ${size} height`).to.be.at.least(24);
        sizes[`${variant}-${size}`] = box;
        await expect(el).to.be.accessible();
      }
    }
    expect(sizes['icon-medium'].width).to.be.below(sizes['button-medium'].width / 2);
    expect(sizes['button-large'].height).to.be.above(sizes['button-small'].height);
  });

  it('the icon-only variant still names the number', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button variant="icon" number="+44 20 7946 0958"></spaces-call-button>`);
    expect(part(el, 'number').getBoundingClientRect().width).to.equal(0);
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Call +44 20 7946 0958');
  });

  it('lets slots replace the icon and the label', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="+44 20 7946 0958"
      ><b slot="icon" id="my-icon">☎</b><span id="my-label">Call the office</span></spaces-call-button
    >`);
    const slots = [...el.shadowRoot!.querySelectorAll('slot')].map((slot) => slot.assignedElements().map((e) => e.id));
    expect(slots).to.deep.equal([['my-icon'], ['my-label']]);
  });

  it('follows the page into dark mode through color-scheme', async () => {
    const light = await fixture<SpacesCallButton>(html`<spaces-call-button number="+44 20 7946 0958"></spaces-call-button>`);
    const wrapper = await fixture(html`<div style="color-scheme: dark"><spaces-call-button number="+44 20 7946 0958"></spaces-call-button></div>`);
    const dark = wrapper.querySelector('spaces-call-button')!;
    await dark.updateComplete;

    expect(getComputedStyle(part(dark, 'button')).color).not.to.equal(getComputedStyle(part(light, 'button')).color);
  });
});

describe('masked numbers', () => {
  it('show only the last four digits, say only those, and dial the whole number', async () => {
    const api = mockApi();
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button
      masked
      number="+44 20 7946 0958 ext. 7"
      api-base=${api.apiBase}
      token="t"
      reset-delay="60000"
    ></spaces-call-button>`);

    expect(part(el, 'number').textContent).to.equal('••• 0958');
    expect(el.shadowRoot!.querySelector('[part=extension]')).to.equal(null);
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Call the number ending in 0958');
    expect(el.shadowRoot!.textContent).not.to.contain('7946');

    await el.call();
    expect((await api.requests())[0].callees).to.deep.equal([{ address: '+442079460958', displayname: '' }]);
    expect(part(el, 'status').textContent).to.equal('Calling ••• 0958…');
  });

  it('show as many digits as visible-digits says', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button masked visible-digits="2" number=${NUMBERS.success}></spaces-call-button>`);
    expect(part(el, 'number').textContent).to.equal('••• 58');
  });
});

describe('label overrides', () => {
  it('replace the accessible name and the status texts per button', async () => {
    const api = mockApi();
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button
      number=${NUMBERS.success}
      default-country="GB"
      label="Ring {number} now"
      placing-label="Dialling…"
      calling-label="Ringing {name}"
      display-name="Ada"
      api-base=${api.apiBase}
      token="t"
      reset-delay="60000"
    ></spaces-call-button>`);
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Ring 020 7946 0958 now');

    const placed = el.call();
    await el.updateComplete;
    expect(part(el, 'status').textContent).to.equal('Dialling…');
    await placed;
    expect(part(el, 'status').textContent).to.equal('Ringing Ada');
  });
});

describe('a label in the slot', () => {
  it('leads the accessible name, so that what is read is what is seen', async () => {
    const el = await fixture<SpacesCallButton>(html`<spaces-call-button number="+44 20 7946 0958">Call the office</spaces-call-button>`);
    await el.updateComplete;
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Call the office: +44 20 7946 0958');
    await expect(el).to.be.accessible();
  });
});
