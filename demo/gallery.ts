/**
 * Fills the gallery: each state panel gets one button per state (put into it by calling the mock's
 * scenario numbers, and for a call's outcome by reporting the call's events as a host would), each looks
 * panel every variant at every size.
 */
import { reportSpacesCallEvent, type SpacesCallButton } from '../src/spaces-call-button.js';

interface State {
  /** The button's custom state (`:state(…)`) to show. */
  state: string;
  number: string;
  call: boolean;
  /** Reported once the call is placed, as a host relays Spaces webhooks (`reportSpacesCallEvent`). */
  report?: string[];
  attributes?: Record<string, string>;
}

const STATES: State[] = [
  { state: 'idle', number: '020 7946 0958', call: false },
  { state: 'invalid', number: '020 7946', call: false },
  { state: 'placing', number: '020 7946 0907', call: true }, // the mock's slow answer
  { state: 'calling', number: '020 7946 0958', call: true },
  // Followed live on the mock's silent channel, which never answers: ringing, and a click would cancel it. Its
  // token is its own: the mock's channel sends a user's events for all of that user's calls, and the page's
  // channel hands them to whichever button placed the call, so the other rows' calls must not be that user's.
  {
    state: 'cancellable',
    number: '020 7946 0915',
    call: true,
    attributes: { live: '', 'socket-url': '/chat', 'answer-timeout': '600000', token: 'gallery-live-token' },
  },
  { state: 'answered', number: '020 7946 0958', call: true, report: ['space.call.accepted'] },
  { state: 'ended', number: '020 7946 0958', call: true, report: ['space.call.rejected'] },
  { state: 'error', number: '020 7946 0905', call: true }, // the mock's 500
];

function row(name: string, attributes: Record<string, string>): { row: HTMLElement; button: SpacesCallButton } {
  const row = document.createElement('p');
  row.className = 'row';
  const label = document.createElement('span');
  label.className = 'name';
  label.textContent = name;
  const button = document.createElement('spaces-call-button');
  for (const [key, value] of Object.entries(attributes)) button.setAttribute(key, value);
  row.append(label, button);
  return { row, button };
}

for (const panel of document.querySelectorAll<HTMLElement>('[data-states]')) {
  for (const { state, number, call, report = [], attributes = {} } of STATES) {
    const { row: line, button } = row(state, { number, 'data-state': state, ...attributes });
    panel.append(line);
    button.addEventListener('spaces-call-success', (event) => {
      const { spaceCallId } = event.detail.response as { spaceCallId: string };
      for (const category of report) reportSpacesCallEvent({ category, spaceCallId });
    });
    if (call) void button.updateComplete.then(() => button.call());
  }
}

for (const panel of document.querySelectorAll<HTMLElement>('[data-looks]')) {
  for (const variant of ['button', 'link', 'icon']) {
    for (const size of ['small', 'medium', 'large']) {
      panel.append(row(`${variant}, ${size}`, { variant, size, number: '020 7946 0958' }).row);
    }
  }
}
