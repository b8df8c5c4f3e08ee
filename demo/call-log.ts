/**
 * The call activity log: what the host page hears. The buttons' events bubble and are composed, so one set
 * of listeners on `document` sees every call, and the event target's `data-record-id` says whose number it was.
 */
import type { CallErrorEvent, CallStartEvent, CallSuccessEvent } from '../src/spaces-call-button.js';
import { escapeHtml } from './escape-html.js';

/** The record a call belongs to, as the log shows it. */
export interface RecordRef {
  label: string;
  href?: string;
}

type CallEvent = CallStartEvent | CallSuccessEvent | CallErrorEvent;

const MAX_ENTRIES = 200;

function outcome(event: CallEvent): { tone: 'pending' | 'success' | 'error'; badge: string; message: string } {
  const { detail } = event;
  if ('kind' in detail) {
    return { tone: 'error', badge: detail.kind, message: detail.status ? `HTTP ${detail.status}: ${detail.message}` : detail.message };
  }
  if ('receivers' in detail) {
    const receivers = detail.receivers.map((receiver) => `${receiver.displayname || receiver.address}: ${receiver.callStatus}`);
    return { tone: 'success', badge: 'placed', message: receivers.join('; ') };
  }
  return { tone: 'pending', badge: 'dialling', message: `Call requested (${detail.callType})` };
}

function entryHtml(event: CallEvent, record: RecordRef): string {
  const { tone, badge, message } = outcome(event);
  const time = new Date().toLocaleTimeString('en-GB');
  const number = event.detail.extension ? `${event.detail.number} ext. ${event.detail.extension}` : event.detail.number;
  const who = record.href
    ? `<a href="${escapeHtml(record.href)}">${escapeHtml(record.label)}</a>`
    : escapeHtml(record.label);
  return `<li class="log-entry log-entry--${tone}">
    <div class="log-entry-head">
      <time>${time}</time><span class="log-badge">${escapeHtml(badge)}</span><code class="log-event">${event.type}</code>
    </div>
    <div class="log-entry-who">${who} <span class="log-number">${escapeHtml(number)}</span></div>
    <p class="log-message">${escapeHtml(message)}</p>
  </li>`;
}

/** Logs every call event of the page into `list`, newest first; `describe` names the record of the event's button. */
export function startCallLog(list: HTMLElement, describe: (button: EventTarget | null) => RecordRef): void {
  const log = (event: CallEvent) => {
    list.insertAdjacentHTML('afterbegin', entryHtml(event, describe(event.target)));
    list.children[MAX_ENTRIES]?.remove();
  };
  document.addEventListener('spaces-call-start', log);
  document.addEventListener('spaces-call-success', log);
  document.addEventListener('spaces-call-error', log);
}
