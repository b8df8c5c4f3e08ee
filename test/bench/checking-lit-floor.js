// The checking Lit floor: the Lit floor (lit-floor.js: the same shadow DOM as <spaces-call-button>, the same
// stylesheet, read from its source) plus what it lacks to be a click-to-call button's floor, a number check. Like
// ours, it takes a `number` attribute and a default country (its `default-country` attribute, else the page's
// <meta name="spaces-call-button:default-country">), and checks and formats the number with libphonenumber-js: the
// same `core` functions over the same `min` metadata, the same calls per number as src/phone/phone.ts (parse, validity,
// national format in the default country and international elsewhere, the extension apart; for an invalid number,
// the length verdict). The button shows the formatted number, or is disabled with a short reason. Three bindings
// (the label, `disabled`, the text). No click handler, no states, no language, no cache, no deferred check: every
// number is checked when it is rendered. Lit and libphonenumber-js as published, from node_modules, without a bundler
// (the page's import map), as for the Lit floor.
import { LitElement, html, unsafeCSS } from 'lit';
import cssText from 'floor-styles';
import { ParseError, parsePhoneNumberWithError, validatePhoneNumberLength } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/min/metadata';

const pageCountry = document.querySelector('meta[name="spaces-call-button:default-country"]')?.getAttribute('content') ?? undefined;

/** The extension is shown after the number, so the formatted number leaves it out (as src/phone/phone.ts does). */
const WITHOUT_EXTENSION = { formatExtension: (/** @type {string} */ number) => number };

/** @typedef {{ ok: true, e164: string, display: string, extension?: string } | { ok: false, reason: string }} Checked */

/**
 * The number checked and formatted, or why it cannot be called. A `tel:` URI's scheme is dropped first: with
 * `extract: false`, libphonenumber-js refuses `tel:+44-…` (its parameters, `;ext=` and `phone-context`, it reads).
 * @param {string} input
 * @param {string | undefined} country
 * @returns {Checked}
 */
export function checkNumber(input, country) {
  try {
    const phone = parsePhoneNumberWithError(input.replace(/^tel:/i, ''), { defaultCountry: /** @type {any} */ (country), extract: false }, metadata);
    if (!phone.isValid()) return { ok: false, reason: validatePhoneNumberLength(phone.number, metadata) === 'TOO_SHORT' ? 'too short' : 'not valid' };
    return { ok: true, e164: phone.number, display: phone.format(phone.country === country ? 'NATIONAL' : 'INTERNATIONAL', WITHOUT_EXTENSION), extension: phone.ext };
  } catch (error) {
    return { ok: false, reason: error instanceof ParseError && error.message === 'INVALID_COUNTRY' ? 'no country' : 'not a number' };
  }
}

customElements.define(
  'checking-lit-floor-call-button',
  class extends LitElement {
    /** @override */
    static properties = { number: {}, defaultCountry: { attribute: 'default-country' } };
    /** @override */
    static styles = unsafeCSS(cssText);

    constructor() {
      super();
      /** @type {string} */
      this.number = '';
      /** @type {string | undefined} */
      this.defaultCountry = pageCountry;
      /** @type {Checked} */
      this.checked = { ok: false, reason: 'empty' };
    }

    /** Whether the number was found valid (the bench counts them). */
    get valid() {
      return this.checked.ok;
    }

    /**
     * @override
     * @param {Map<string, unknown>} changed
     */
    willUpdate(changed) {
      if (changed.has('number') || changed.has('defaultCountry')) this.checked = checkNumber(this.number, this.defaultCountry);
    }

    /** @override */
    render() {
      const { checked } = this;
      const text = checked.ok ? (checked.extension ? `${checked.display} ext. ${checked.extension}` : checked.display) : `${this.number} (${checked.reason})`;
      return html`<button type="button" part="button" aria-label=${`Call ${text}`} aria-describedby="status" ?disabled=${!checked.ok}><slot name="icon"><svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/></svg></slot><slot><span part="number">${text}</span></slot></button><span part="status" id="status" role="status"></span>`;
    }
  },
);
