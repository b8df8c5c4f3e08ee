/** The contact list: one HTML string for all rows (a single reflow), and a search box that hides rows. */
import { callButtonHtml } from './call-button-markup.js';
import { fullName, type Contact } from './contacts.js';
import { countryName } from './countries.js';
import { escapeHtml } from './escape-html.js';

function rowHtml(contact: Contact, pageCountry: string | undefined): string {
  const name = fullName(contact);
  const searchText = [name, contact.company, contact.city, countryName(contact.country), contact.country].join(' ').toLowerCase();
  const button = callButtonHtml(
    { number: contact.phone, recordId: contact.id, objectType: 'contact', displayName: name, country: contact.country },
    pageCountry,
  );
  return `<tr data-search="${escapeHtml(searchText)}">
    <td><a class="record-link" href="#contact/${escapeHtml(contact.id)}">${escapeHtml(name)}</a><span class="secondary">${escapeHtml(contact.title)}</span></td>
    <td>${escapeHtml(contact.company)}</td>
    <td><span class="country-code">${escapeHtml(contact.country)}</span> ${escapeHtml(contact.city)}<span class="secondary">${escapeHtml(countryName(contact.country))}</span></td>
    <td>${button}</td>
  </tr>`;
}

export function renderContactList(rows: HTMLElement, contacts: readonly Contact[], pageCountry: string | undefined): void {
  rows.innerHTML = contacts.map((contact) => rowHtml(contact, pageCountry)).join('');
}

/** Shows the rows whose name, company, city or country contain `query`; returns how many are shown. */
export function filterContactList(rows: HTMLElement, query: string): number {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const row of rows.querySelectorAll<HTMLTableRowElement>('tr')) {
    const search = row.dataset.search ?? '';
    row.hidden = !words.every((word) => search.includes(word));
    if (!row.hidden) shown++;
  }
  return shown;
}
