/**
 * The demo's controls: the access token (or signing in through the reference token endpoint), the default country and whether calls are followed live, set for
 * every button of the page with `configureSpacesCallButtons`, over the `<meta>` defaults of index.html.
 */
import { configureSpacesCallButtons, type SpacesCallButtonDefaults } from '../src/spaces-call-button.js';
import { COUNTRIES, countryName } from './countries.js';
import { escapeHtml } from './escape-html.js';
import { pageMeta } from './page-meta.js';

interface Choice<T = string | undefined> {
  label: string;
  /** `undefined` removes the script default, so the `<meta>` one applies again. */
  value: T;
}

type TokenChoice = Pick<SpacesCallButtonDefaults, 'token' | 'tokenUrl' | 'tokenType'>;

const tokenChoices = (): Choice<TokenChoice>[] => [
  { label: `${pageMeta('token') ?? 'None'}: valid (page <meta>)`, value: {} },
  { label: 'mock-expired-token: expired', value: { token: 'mock-expired-token' } },
  // A blank script default hides the <meta> token: the buttons then report `no-token`.
  { label: 'None', value: { token: '' } },
  // The reference token endpoint that npm start serves, signed in against the mock Avaya Cloud Identity.
  { label: 'Sign in with Avaya Spaces (mock): token-url /spaces/token', value: { tokenUrl: '/spaces/token', tokenType: 'bearer' } },
];

const countryChoices = (): Choice[] => {
  const metaCountry = pageMeta('default-country');
  return [
    { label: `${metaCountry ? `${metaCountry}: ${countryName(metaCountry)}` : 'None'} (page <meta>)`, value: undefined },
    ...COUNTRIES.filter((country) => country.code !== metaCountry).map((country) => ({ label: `${country.code}: ${country.name}`, value: country.code })),
  ];
};

/** A channel that cannot be reached (port 9 of this computer, which browsers refuse to connect to): the call goes on without it. */
const UNREACHABLE_SOCKET_URL = 'ws://127.0.0.1:9/chat';

type LiveChoice = Pick<SpacesCallButtonDefaults, 'live' | 'socketUrl'>;

const liveChoices = (): Choice<LiveChoice>[] => {
  const metaLive = pageMeta('live') === 'true';
  const metaUrl = pageMeta('socket-url');
  const metaLabel = metaLive ? `On: ${metaUrl ?? 'the environment’s channel'}` : 'Off';
  return [
    { label: `${metaLabel} (page <meta>)`, value: { live: undefined, socketUrl: undefined } },
    ...(metaLive ? [{ label: 'Off', value: { live: false, socketUrl: undefined } }] : [{ label: 'On', value: { live: true, socketUrl: undefined } }]),
    { label: 'On: a channel that cannot be reached', value: { live: true, socketUrl: UNREACHABLE_SOCKET_URL } },
  ];
};

/** What the page has set by script, for the embed snippet. */
let scriptDefaults: SpacesCallButtonDefaults = {};

export const currentScriptDefaults = (): SpacesCallButtonDefaults => scriptDefaults;

type Apply<T> = (value: T) => SpacesCallButtonDefaults;

export interface DemoControls {
  token: HTMLSelectElement;
  country: HTMLSelectElement;
  live: HTMLSelectElement;
}

/** Fills the selects with their choices; a change configures every button of the page, then calls `onChange`. */
export function bindDemoControls(controls: DemoControls, onChange: () => void): void {
  const bind = <T>(select: HTMLSelectElement, choices: Choice<T>[], apply: Apply<T>) => {
    select.innerHTML = choices.map((choice, index) => `<option value="${index}">${escapeHtml(choice.label)}</option>`).join('');
    select.addEventListener('change', () => {
      const choice = choices[Number(select.value)];
      if (!choice) return;
      const change = apply(choice.value);
      configureSpacesCallButtons(change);
      scriptDefaults = Object.fromEntries(Object.entries({ ...scriptDefaults, ...change }).filter(([, value]) => value !== undefined));
      onChange();
    });
  };
  bind(controls.token, tokenChoices(), (choice) => ({ token: undefined, tokenUrl: undefined, tokenType: undefined, ...choice }));
  bind(controls.country, countryChoices(), (defaultCountry) => ({ defaultCountry }));
  bind(controls.live, liveChoices(), (live) => ({ ...live }));
}
