/** A contact's record page: details and a call button for each of its numbers. */
import { callButtonHtml } from './call-button-markup.js';
import { fullName, type Contact } from './contacts.js';
import { countryName } from './countries.js';
import { escapeHtml } from './escape-html.js';

const initials = (contact: Contact) => `${contact.firstName[0] ?? ''}${contact.lastName[0] ?? ''}`;

export function renderContactRecord(container: HTMLElement, contact: Contact, pageCountry: string | undefined): void {
  const name = fullName(contact);
  /** The button, and the number as it is stored in the record. */
  const callButton = (number: string) =>
    `${callButtonHtml({ number, recordId: contact.id, objectType: 'contact', displayName: name, country: contact.country }, pageCountry)}
    <span class="stored-as">stored as <code>${escapeHtml(number) || '(empty)'}</code></span>`;
  const field = (label: string, value: string) => `<div class="field"><dt>${label}</dt><dd>${value}</dd></div>`;

  container.innerHTML = `
    <nav class="breadcrumb" aria-label="Breadcrumb"><a href="#contacts">← Contacts</a></nav>
    <article class="card record-card">
      <header class="record-header">
        <span class="avatar" aria-hidden="true">${escapeHtml(initials(contact))}</span>
        <div>
          <h1 tabindex="-1">${escapeHtml(name)}</h1>
          <p class="secondary">${escapeHtml(contact.title)} · ${escapeHtml(contact.company)}</p>
        </div>
        <span class="record-id">Contact ${escapeHtml(contact.id)}</span>
      </header>
      <dl class="record-fields">
        ${field('Phone', callButton(contact.phone))}
        ${field('Mobile', contact.mobile ? callButton(contact.mobile) : '<span class="secondary">None on file</span>')}
        ${field('E-mail', `<a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a>`)}
        ${field('Company', escapeHtml(contact.company))}
        ${field('City', escapeHtml(contact.city))}
        ${field('Country', `<span class="country-code">${escapeHtml(contact.country)}</span> ${escapeHtml(countryName(contact.country))}`)}
      </dl>
    </article>`;
}
