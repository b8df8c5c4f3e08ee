/** The `<spaces-call-button>` markup the CRM writes for a record's phone number. */
import { escapeHtml } from './escape-html.js';

export interface CallButtonFor {
  number: string;
  recordId: string;
  objectType: 'contact' | 'test-number';
  /** The callee's name, sent to the API and shown while calling. */
  displayName?: string;
  /** The record's country: given to national-format numbers when it is not the page's default country. */
  country?: string;
}

/** `+44…`, `0044…` and `tel:+44…` carry their country; anything else is national and needs one. */
const isNationalFormat = (number: string) => !/^\s*(\+|00|tel:\+)/i.test(number);

export function callButtonHtml(button: CallButtonFor, pageCountry: string | undefined): string {
  const ownCountry = button.country && button.country !== pageCountry && isNationalFormat(button.number) ? button.country : undefined;
  const attributes: [string, string | undefined][] = [
    ['number', button.number],
    ['default-country', ownCountry],
    ['display-name', button.displayName],
    ['data-record-id', button.recordId],
    ['data-object-type', button.objectType],
  ];
  const written = attributes
    .filter((attribute): attribute is [string, string] => attribute[1] !== undefined)
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`);
  return `<spaces-call-button ${written.join(' ')}></spaces-call-button>`;
}
