/**
 * The mock Spaces API's reserved numbers (docs/mock-api.md, "The mock Spaces API" and "The mock real-time channel"): one
 * test button each, like a payment provider's test cards. demo/mock-spaces-api.js holds the API's answers and
 * demo/mock-spaces-realtime.js what its channel sends after a call is placed (REALTIME_SCENARIOS, with the
 * delays `npm start` gives it in vite.config.ts); this is what the page shows.
 */
import { callButtonHtml } from './call-button-markup.js';
import { escapeHtml } from './escape-html.js';

export interface Scenario {
  number: string;
  title: string;
  /** What the mock API answers. */
  answer: string;
  /** The error kind the button reports, or `calling` when the call is placed. */
  outcome: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { number: '+44 20 7946 0958', title: 'Call placed', answer: '200 with the callee in receivers', outcome: 'calling' },
  { number: '+44 20 7946 0900', title: 'No calling licence', answer: '403: the caller lacks the Aura calling license', outcome: 'forbidden' },
  { number: '+44 20 7946 0901', title: 'Billing country', answer: '403: the caller’s billing country is not whitelisted', outcome: 'forbidden' },
  { number: '+44 20 7946 0902', title: 'Not opted in', answer: '403: the caller has not opted in', outcome: 'forbidden' },
  { number: '+44 20 7946 0903', title: 'Token expired', answer: '401: token expired (also after a refresh)', outcome: 'unauthorized' },
  { number: '+44 20 7946 0904', title: 'Rate limited', answer: '429 with Retry-After: 30', outcome: 'rate-limited' },
  { number: '+44 20 7946 0905', title: 'Server error', answer: '500 with a JSON message', outcome: 'server' },
  { number: '+44 20 7946 0906', title: 'Service unavailable', answer: '503 with an HTML body', outcome: 'server' },
  { number: '+44 20 7946 0907', title: 'Too slow', answer: 'answers after 20 s, longer than the 15 s timeout', outcome: 'timeout' },
  { number: '+44 20 7946 0908', title: 'Unreadable answer', answer: '200 whose body is not JSON', outcome: 'bad-response' },
  { number: '+44 20 7946 0909', title: 'No receivers', answer: '200 JSON without receivers', outcome: 'bad-response' },
  { number: '+44 20 7946 0910', title: 'Connection dropped', answer: 'the connection is cut in the middle of the answer', outcome: 'network' },
];

export interface LiveScenario {
  number: string;
  title: string;
  /** What the mock channel sends after the offer, with `npm start`'s delays; `code` in backquotes. */
  events: string;
  /** The call's outcome as the activity log records it (`spaces-call-end`); either of two. */
  outcome: string | [string, string];
  tone: 'success' | 'error' | 'muted';
}

/** Followed live (the page's `live` and `socket-url` metas): the call's outcome, whichever number placed it. */
export const LIVE_SCENARIOS: readonly LiveScenario[] = [
  {
    number: '+44 20 7946 0958',
    title: 'Answered',
    events: 'any other number: `space.call.accepted` after 3 s, `space.call.ended` 8 s later',
    outcome: 'Answered · about 0:08',
    tone: 'success',
  },
  { number: '+44 20 7946 0911', title: 'Declined', events: '`space.call.rejected` after 3 s', outcome: 'Declined', tone: 'muted' },
  { number: '+44 20 7946 0912', title: 'Not answered', events: '`space.call.not.answered` after 8 s', outcome: 'No answer', tone: 'muted' },
  { number: '+44 20 7946 0913', title: 'Failed', events: '`space.call.failed` after 3 s', outcome: 'Failed', tone: 'error' },
  {
    number: '+44 20 7946 0914',
    title: 'Short call, other spellings',
    events: '`space.call.offer.accepted` after 3 s, `video.end` 2 s later',
    outcome: 'Answered · about 0:02',
    tone: 'success',
  },
  {
    number: '+44 20 7946 0915',
    title: 'Silent channel',
    events: 'no event at all: the button rings until a click cancels it, or gives up after `answer-timeout` (60 s)',
    outcome: ['Cancelled', 'Unknown (after 1:00)'],
    tone: 'muted',
  },
  {
    number: '+44 20 7946 0916',
    title: 'Channel dropped',
    events: 'the connection drops 1 s after the offer and the button reconnects; then answered and ended as by default',
    outcome: 'Answered · about 0:08',
    tone: 'success',
  },
];

/** Escaped text, with `backquoted` parts as code. */
const withCode = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

const recordId = (scenario: Scenario) => `test-${scenario.number.slice(-4)}`;
const liveRecordId = (scenario: LiveScenario) => `live-${scenario.number.slice(-4)}`;

/** The scenario a test button's `data-record-id` names, as the call log shows it. */
export const scenarioByRecordId = new Map<string, { title: string }>([
  ...SCENARIOS.map((scenario) => [recordId(scenario), scenario] as const),
  ...LIVE_SCENARIOS.map((scenario) => [liveRecordId(scenario), { title: `${scenario.title} (live)` }] as const),
]);

export function renderScenarios(rows: HTMLElement, liveRows: HTMLElement, pageCountry: string | undefined): void {
  const button = (number: string, id: string) => callButtonHtml({ number, recordId: id, objectType: 'test-number' }, pageCountry);
  rows.innerHTML = SCENARIOS.map(
    (scenario) => `<tr>
      <th scope="row">${escapeHtml(scenario.title)}<span class="secondary">${escapeHtml(scenario.answer)}</span></th>
      <td><code class="outcome outcome--${scenario.outcome === 'calling' ? 'success' : 'error'}">${escapeHtml(scenario.outcome)}</code></td>
      <td>${button(scenario.number, recordId(scenario))}</td>
    </tr>`,
  ).join('');
  liveRows.innerHTML = LIVE_SCENARIOS.map(
    (scenario) => `<tr>
      <th scope="row">${escapeHtml(scenario.title)}<span class="secondary">${withCode(scenario.events)}</span></th>
      <td>${[scenario.outcome]
        .flat()
        .map((outcome) => `<span class="outcome outcome--${scenario.tone}">${escapeHtml(outcome)}</span>`)
        .join(' or ')}</td>
      <td>${button(scenario.number, liveRecordId(scenario))}</td>
    </tr>`,
  ).join('');
}
