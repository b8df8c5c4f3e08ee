/**
 * The mock Spaces API's reserved numbers (README, "The mock Spaces API"): one test button each, like a
 * payment provider's test cards. demo/mock-spaces-api.js holds the answers; this is what the page shows.
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

const recordId = (scenario: Scenario) => `test-${scenario.number.slice(-4)}`;

export const scenarioByRecordId = new Map(SCENARIOS.map((scenario) => [recordId(scenario), scenario]));

export function renderScenarios(rows: HTMLElement, pageCountry: string | undefined): void {
  rows.innerHTML = SCENARIOS.map(
    (scenario) => `<tr>
      <th scope="row">${escapeHtml(scenario.title)}<span class="secondary">${escapeHtml(scenario.answer)}</span></th>
      <td><code class="outcome outcome--${scenario.outcome === 'calling' ? 'success' : 'error'}">${escapeHtml(scenario.outcome)}</code></td>
      <td>${callButtonHtml({ number: scenario.number, recordId: recordId(scenario), objectType: 'test-number' }, pageCountry)}</td>
    </tr>`,
  ).join('');
}
