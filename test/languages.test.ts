import { expect, fixture, html } from '@open-wc/testing';
import '../src/spaces-call-button.js';
import type { SpacesCallButton } from '../src/spaces-call-button.js';
import { mockApi, NUMBERS, type MockApi } from './support/mock-api.js';

const texts = (el: SpacesCallButton) => ({
  label: el.shadowRoot!.querySelector('[part=button]')!.getAttribute('aria-label'),
  status: el.shadowRoot!.querySelector('[part=status]')!.textContent,
});

describe('languages', () => {
  let api: MockApi;
  beforeEach(() => {
    api = mockApi();
  });

  const inLanguage = async (lang: string, number = '020 7946') => {
    const wrapper = await fixture(html`<div lang=${lang}>
      <spaces-call-button number=${number} default-country="GB" api-base=${api.apiBase} token="tok-language-test" reset-delay="60000"></spaces-call-button>
    </div>`);
    const el = wrapper.querySelector('spaces-call-button')!;
    await el.updateComplete; // which waits for the translation, loaded on first use
    return el;
  };

  for (const [lang, invalid, label] of [
    ['de', 'Anruf nicht möglich: keine gültige Telefonnummer', '020 7946 0958 anrufen'],
    ['fr-FR', 'Appel impossible : numéro de téléphone non valide', 'Appeler le 020 7946 0958'],
    ['es', 'No se puede llamar: no es un número de teléfono válido', 'Llamar al 020 7946 0958'],
    ['ja', '発信できません: 有効な電話番号ではありません', '020 7946 0958 に発信'],
    ['ar', 'تعذّر الاتصال: رقم هاتف غير صالح', 'اتصال بـ \u2068020 7946 0958\u2069'],
  ]) {
    it(`speaks ${lang} from the nearest ancestor's lang`, async () => {
      expect(texts(await inLanguage(lang)).status).to.equal(invalid);
      expect(texts(await inLanguage(lang, '020 7946 0958')).label).to.equal(label);
    });
  }

  it('prefers lang on the element itself, and follows a change of it', async () => {
    const el = await inLanguage('de');
    el.setAttribute('lang', 'fr');
    await el.updateComplete;
    expect(texts(el).status).to.equal('Appel impossible : numéro de téléphone non valide');
  });

  it('falls back to English for a language without a translation', async () => {
    expect(texts(await inLanguage('sw')).status).to.equal('Can’t call: not a valid phone number');
  });

  it('words errors in the button’s language, in the status and the event', async () => {
    const el = await inLanguage('de', NUMBERS.rateLimited);
    const failure = new Promise<CustomEvent>((resolve) => el.addEventListener('spaces-call-error', (e) => resolve(e as CustomEvent)));
    await el.call();

    const { detail } = await failure;
    expect(detail.kind).to.equal('rate-limited');
    expect(detail.message).to.equal('Zu viele Anrufanfragen. Bitte 30 Sekunden warten und erneut versuchen. Die API meldet: „Rate limit exceeded.“');
    expect(texts(el).status).to.equal(detail.message);
  });

  it('lays out right to left in Arabic while the number stays left to right', async () => {
    const wrapper = await fixture(html`<div lang="ar" dir="rtl" style="width: 400px">
      <spaces-call-button number="+44 20 7946 0958" default-country="GB"></spaces-call-button>
    </div>`);
    const el = wrapper.querySelector('spaces-call-button')!;
    await el.updateComplete;
    const number = el.shadowRoot!.querySelector('[part=number]')!;
    const icon = el.shadowRoot!.querySelector('[part=icon]')!;

    expect(getComputedStyle(el.shadowRoot!.querySelector('[part=button]')!).direction).to.equal('rtl');
    expect(getComputedStyle(number).direction).to.equal('ltr');
    // Right to left: the icon (first in the button) sits to the right of the number.
    expect(icon.getBoundingClientRect().left).to.be.greaterThan(number.getBoundingClientRect().right - 1);
  });
});
