/**
 * Defines `<spaces-call-button>`. Import (or load with a script tag) this module to use the element.
 * Safe to load twice: a CRM page may include the script more than once.
 */
import { SpacesCallButton } from './spaces-call-button.component.js';

export * from './index.js';

if (!customElements.get('spaces-call-button')) {
  customElements.define('spaces-call-button', SpacesCallButton);
}
