import { expect, fixture, html } from '@open-wc/testing';
import '../../src/spaces-call-button.js';
import type { SpacesCallButton } from '../../src/spaces-call-button.js';
import { mockApi, NUMBERS, type MockApi } from '../support/mock-api.js';
import ar from '../../src/i18n/ar.js';
import de from '../../src/i18n/de.js';
import { en } from '../../src/i18n/en.js';
import es from '../../src/i18n/es.js';
import fr from '../../src/i18n/fr.js';
import ja from '../../src/i18n/ja.js';
import { englishError } from '../../src/i18n/en-errors.js';
import type { Translation } from '../../src/i18n/messages.js';

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

describe('languages: the live-status and sign-in texts (issue 10)', () => {
  /** Every new text, worded by one translation; the number, name and duration are the same in all. */
  const newTexts = (m: Translation): Record<string, string> => ({
    answered: m.answered('020 7946 0958'),
    'ended: answered': m.ended('answered', '2:14'),
    'ended: answered, no duration': m.ended('answered'),
    ...Object.fromEntries(OUTCOMES.map((outcome) => [`ended: ${outcome}`, m.ended(outcome)])),
    cancelLabel: m.cancelLabel('020 7946 0958'),
    'signed-out': m.error({ kind: 'signed-out' }),
    'signed-out, with a sign-in address': m.error({ kind: 'signed-out', signInUrl: 'https://crm.example.com/signin' }),
    'token-unavailable (HTTP 503)': m.error({ kind: 'token-unavailable', status: 503 }),
    'token-unavailable (unreachable)': m.error({ kind: 'token-unavailable' }),
    signIn: m.signIn,
  });
  const OUTCOMES = ['declined', 'not-answered', 'cancelled', 'failed', 'unknown'] as const;
  const english = newTexts({ ...en, error: englishError });
  const translations = { de, fr, es, ja, ar } as const;

  it('English has every new text, each distinct where the meaning differs', () => {
    for (const [name, text] of Object.entries(english)) expect(text, name).to.be.a('string').and.not.be.empty;
    const outcomes = OUTCOMES.map((outcome) => english[`ended: ${outcome}`]);
    expect(new Set(outcomes).size, 'one text per outcome').to.equal(OUTCOMES.length);
    expect(english['token-unavailable (HTTP 503)']).to.include('503');
  });

  for (const [lang, messages] of Object.entries(translations)) {
    it(`${lang} words every new text, none left in English`, () => {
      const texts = newTexts(messages);
      for (const [name, text] of Object.entries(texts)) {
        expect(text, `${lang} ${name}`).to.be.a('string').and.not.be.empty;
        expect(text, `${lang} ${name} differs from English`).not.to.equal(english[name]);
      }
      // What the text is about is in it: the number, the duration, the HTTP status.
      expect(texts.answered, `${lang} answered`).to.include('020 7946 0958');
      expect(texts.cancelLabel, `${lang} cancelLabel`).to.include('020 7946 0958');
      expect(texts['ended: answered'], `${lang} ended: answered`).to.include('2:14');
      expect(texts['token-unavailable (HTTP 503)'], `${lang} token-unavailable`).to.include('503');
      // One text per outcome, and the cancel label is not the call label.
      expect(new Set(OUTCOMES.map((outcome) => texts[`ended: ${outcome}`])).size, `${lang} outcomes`).to.equal(OUTCOMES.length);
      expect(texts.cancelLabel).not.to.equal(messages.callLabel('020 7946 0958'));
    });
  }

  it('Arabic isolates the number in the new texts as it does in callLabel and calling', () => {
    expect(ar.cancelLabel('+44 20 7946 0958')).to.include('\u2068+44 20 7946 0958\u2069');
    expect(ar.answered('+44 20 7946 0958')).to.include('\u2068+44 20 7946 0958\u2069');
  });
});
