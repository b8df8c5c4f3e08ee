// The Lit floor: a logic-free Lit element with the same shadow DOM as <spaces-call-button> (a
// <button> with aria-label and aria-describedby, the SVG icon in a named slot, the number in the
// default slot, the status live region) and the same stylesheet, read from its source. Two bindings:
// the label and the number. No click handler, no states, no number check, no language.
import { LitElement, html, unsafeCSS } from 'lit';
import cssText from 'floor-styles';

customElements.define(
  'lit-floor-call-button',
  class extends LitElement {
    /** @override */
    static properties = { number: {} };
    /** @override */
    static styles = unsafeCSS(cssText);

    constructor() {
      super();
      /** @type {string} */
      this.number = '';
    }

    /** @override */
    render() {
      return html`<button type="button" part="button" aria-label=${`Call ${this.number}`} aria-describedby="status"><slot name="icon"><svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/></svg></slot><slot><span part="number">${this.number}</span></slot></button><span part="status" id="status" role="status"></span>`;
    }
  },
);
