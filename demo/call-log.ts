/**
 * The call activity log: what the host page hears. The buttons' events bubble and are composed, so one set
 * of listeners on `document` sees every call, and the event target's `data-record-id` says whose number it was.
 *
 * One entry per call, updated in place as its events arrive: `spaces-call-start` opens it, `-success` or
 * `-error` says whether the API placed it, `-update` follows it live (answered, ended, idle), and `-end`, the
 * one event a CRM needs to log the call, gives its outcome and duration. Each entry lists the events it heard.
 */
import type { CallEndDetail, CallEventDetails } from '../src/spaces-call-button.js';
import { escapeHtml } from './escape-html.js';

/** The record a call belongs to, as the log shows it. */
export interface RecordRef {
  label: string;
  href?: string;
}

type EventType = keyof CallEventDetails;
/** A call event as a tagged union: `type` tells its detail. */
type CallEvent = { [K in EventType]: { type: K; detail: CallEventDetails[K] } }[EventType];
type Tone = 'pending' | 'success' | 'error' | 'muted';

/** One call as the log shows it. */
interface Entry {
  element: HTMLLIElement;
  tone: Tone;
  badge: string;
  message: string;
  /** The events heard, shortest names first (`start`, `success`, `update: answered`, `end`). */
  heard: string[];
}

const MAX_ENTRIES = 200;
const EVENT_PREFIX = 'spaces-call-';

const timeOf = (iso?: string) => (iso ? new Date(iso) : new Date()).toLocaleTimeString('en-GB');

/** `m:ss`, as the button shows a call's elapsed time. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

const OUTCOME_TEXT: Record<Exclude<CallEndDetail['outcome'], 'answered' | 'unknown'>, string> = {
  declined: 'Declined',
  'not-answered': 'No answer',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

/** "Answered · 0:08", "Declined", "Unknown (live channel unavailable: unreachable)": what a CRM would log. */
export function outcomeText(detail: CallEndDetail): string {
  const { outcome } = detail;
  if (outcome === 'answered') return detail.durationMs === undefined ? 'Answered' : `Answered · ${formatDuration(detail.durationMs)}`;
  if (outcome !== 'unknown') return OUTCOME_TEXT[outcome] ?? outcome;
  if (detail.live === 'unavailable') return `Unknown (live channel unavailable: ${detail.liveProblem ?? 'no reason given'})`;
  if (detail.live === 'off') return 'Unknown (not followed live)';
  const waited = Date.parse(detail.endedAt) - Date.parse(detail.startedAt);
  return Number.isFinite(waited) ? `Unknown (no outcome heard in ${formatDuration(waited)})` : 'Unknown (no outcome heard)';
}

const OUTCOME_TONES: Record<CallEndDetail['outcome'], Tone> = {
  answered: 'success',
  declined: 'muted',
  'not-answered': 'muted',
  cancelled: 'muted',
  failed: 'error',
  unknown: 'muted',
};

/** Applies one event to a call's entry. */
function apply(entry: Entry, event: CallEvent): void {
  const name = event.type.slice(EVENT_PREFIX.length);
  switch (event.type) {
    case 'spaces-call-start':
      Object.assign(entry, { tone: 'pending', badge: 'dialling', message: `Call requested (${event.detail.callType})` });
      break;
    case 'spaces-call-success': {
      const receivers = event.detail.receivers.map((receiver) => `${receiver.displayname || receiver.address}: ${receiver.callStatus}`);
      Object.assign(entry, { tone: 'success', badge: 'placed', message: receivers.join('; ') || 'Call placed' });
      break;
    }
    case 'spaces-call-error': {
      const { detail } = event;
      Object.assign(entry, { tone: 'error', badge: detail.kind, message: detail.status ? `HTTP ${detail.status}: ${detail.message}` : detail.message });
      break;
    }
    case 'spaces-call-update': {
      const { status, outcome } = event.detail;
      entry.heard.push(`${name}: ${status}`);
      if (status === 'answered') Object.assign(entry, { tone: 'success', badge: 'answered', message: `On the call since ${timeOf()}` });
      else if (status === 'ended') Object.assign(entry, { badge: 'ended', ...(outcome ? { tone: OUTCOME_TONES[outcome] } : {}) });
      // `idle`: the button is ready for another call; the entry keeps the call's outcome.
      return;
    }
    case 'spaces-call-end': {
      const { detail } = event;
      Object.assign(entry, { tone: OUTCOME_TONES[detail.outcome] ?? 'muted', badge: 'ended', message: outcomeText(detail) });
      break;
    }
  }
  entry.heard.push(name);
}

function render(entry: Entry, record: RecordRef, number: string, time: string): void {
  const who = record.href ? `<a href="${escapeHtml(record.href)}">${escapeHtml(record.label)}</a>` : escapeHtml(record.label);
  entry.element.className = `log-entry log-entry--${entry.tone}`;
  entry.element.innerHTML = `
    <div class="log-entry-head">
      <time>${escapeHtml(time)}</time><span class="log-badge">${escapeHtml(entry.badge)}</span>
    </div>
    <div class="log-entry-who">${who} <span class="log-number">${escapeHtml(number)}</span></div>
    <p class="log-message${entry.badge === 'ended' ? ' log-outcome' : ''}">${escapeHtml(entry.message)}</p>
    <p class="log-heard"><span class="visually-hidden">Events heard: </span>${entry.heard
      .map((heard) => `<code>${escapeHtml(heard)}</code>`)
      .join('<span aria-hidden="true"> › </span>')}</p>`;
}

/** Logs every call of the page into `list`, newest first; `describe` names the record of the event's button. */
export function startCallLog(list: HTMLElement, describe: (button: EventTarget | null) => RecordRef): void {
  /** Each button's latest call: a button places one call at a time. */
  const current = new WeakMap<EventTarget, { entry: Entry; redraw: () => void }>();

  const log = ({ type, detail, target: button }: CustomEvent) => {
    const event = { type, detail } as CallEvent;
    let call = button ? current.get(button) : undefined;
    const opens =
      event.type === 'spaces-call-start' ||
      // An error that came without a start (`busy`, `bad-config`) is a call of its own.
      (event.type === 'spaces-call-error' && call?.entry.heard.at(-1) !== 'start');
    if (!call || opens || !call.entry.element.isConnected) {
      // The rest of a call whose entry is gone (the log was cleared) is not shown.
      if (!opens) return;
      const element = document.createElement('li');
      const entry: Entry = { element, tone: 'pending', badge: '', message: '', heard: [] };
      const record = describe(button);
      const { number: e164, extension } = event.detail;
      const number = extension ? `${e164} ext. ${extension}` : e164;
      const time = timeOf();
      call = { entry, redraw: () => render(entry, record, number, time) };
      if (button) current.set(button, call);
      list.prepend(element);
      list.children[MAX_ENTRIES]?.remove();
    }
    apply(call.entry, event);
    call.redraw();
  };
  const types: EventType[] = ['spaces-call-start', 'spaces-call-success', 'spaces-call-error', 'spaces-call-update', 'spaces-call-end'];
  for (const type of types) document.addEventListener(type, log);
}
