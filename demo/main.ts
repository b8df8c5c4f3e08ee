/** The demo CRM page: renders the views, routes between them by hash, and wires the log and the controls. */
import { startCallLog, type RecordRef } from './call-log.js';
import { filterContactList, renderContactList } from './contact-list.js';
import { renderContactRecord } from './contact-record.js';
import { contactById, contacts, fullName } from './contacts.js';
import { bindDemoControls, currentScriptDefaults } from './demo-controls.js';
import { embedSnippet } from './embed-snippet.js';
import { pageMeta } from './page-meta.js';
import { renderScenarios, scenarioByRecordId } from './scenarios.js';

type View = 'contacts' | 'record' | 'scenarios' | 'embed';

const VIEW_TITLES: Record<Exclude<View, 'record'>, string> = { contacts: 'Contacts', scenarios: 'Test scenarios', embed: 'Embed it' };

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const main = byId('main');
const contactRows = byId('contact-rows');
const contactCount = byId('contact-count');
const recordView = byId('record-view');
const embedCode = byId('embed-code');
/** The buttons carry their own country only where it differs from the page's. */
const pageCountry = pageMeta('default-country');

function describeRecord(button: EventTarget | null): RecordRef {
  const id = button instanceof HTMLElement ? button.dataset.recordId : undefined;
  const contact = id ? contactById.get(id) : undefined;
  if (contact) return { label: fullName(contact), href: `#contact/${contact.id}` };
  const scenario = id ? scenarioByRecordId.get(id) : undefined;
  if (scenario) return { label: `Test number: ${scenario.title}`, href: '#scenarios' };
  return { label: id ?? 'Unknown record' };
}

function showCount(shown: number): void {
  contactCount.textContent = shown === contacts.length ? `${contacts.length} contacts` : `${shown} of ${contacts.length} contacts`;
}

/** The main area scrolls on its own beside the side panel; on narrow screens the page scrolls. */
const scroller = () => (getComputedStyle(main).overflowY === 'auto' ? main : document.documentElement);
/** Where the list was scrolled to, restored when coming back from a record. */
let listScrollTop = 0;
let currentView: View = 'contacts';

function show(view: View): void {
  if (currentView === 'contacts') listScrollTop = scroller().scrollTop;
  for (const section of main.querySelectorAll<HTMLElement>('[data-view]')) section.hidden = section.dataset.view !== view;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    const current = link.dataset.nav === view || (view === 'record' && link.dataset.nav === 'contacts');
    link.toggleAttribute('aria-current', current);
  }
  scroller().scrollTop = view === 'contacts' ? listScrollTop : 0;
  // Move focus to the new view's heading, unless this is the first view shown.
  if (view !== currentView) main.querySelector<HTMLElement>(`[data-view="${view}"] h1`)?.focus({ preventScroll: true });
  currentView = view;
}

/** The snippet shows the first contact's button that can call. */
const refreshEmbedSnippet = () => {
  const callable = [...contactRows.querySelectorAll('spaces-call-button')].find((button) => button.e164);
  embedCode.textContent = embedSnippet(currentScriptDefaults(), callable ?? null);
};

/** `#contact/<id>`, `#scenarios`, `#embed`; anything else is the contact list. */
function route(): void {
  const [path, id] = location.hash.slice(1).split('/');
  const contact = path === 'contact' && id ? contactById.get(decodeURIComponent(id)) : undefined;
  if (contact) {
    renderContactRecord(recordView, contact, pageCountry);
    document.title = `${fullName(contact)} · Kite CRM`;
    return show('record');
  }
  const view = path === 'scenarios' || path === 'embed' ? path : 'contacts';
  if (view === 'embed') refreshEmbedSnippet();
  document.title = `${VIEW_TITLES[view]} · Kite CRM`;
  show(view);
}

renderContactList(contactRows, contacts, pageCountry);
showCount(contacts.length);
renderScenarios(byId('scenario-rows'), byId('live-scenario-rows'), pageCountry);
byId<HTMLInputElement>('contact-search').addEventListener('input', (event) =>
  showCount(filterContactList(contactRows, (event.target as HTMLInputElement).value)),
);

const callLog = byId('call-log');
startCallLog(callLog, describeRecord);
byId('clear-log').addEventListener('click', () => callLog.replaceChildren());
bindDemoControls(
  { token: byId<HTMLSelectElement>('token-select'), country: byId<HTMLSelectElement>('country-select'), live: byId<HTMLSelectElement>('live-select') },
  () => {
    if (currentView === 'embed') refreshEmbedSnippet();
  },
);

window.addEventListener('hashchange', route);
route();
