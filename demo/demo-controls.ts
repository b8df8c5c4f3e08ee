/**
 * The demo's controls: the access token and the default country, set for every button of the page
 * with `configureSpacesCallButtons`, over the `<meta>` defaults of index.html.
 */
import { configureSpacesCallButtons, type SpacesCallButtonDefaults } from '../src/spaces-call-button.js';
import { COUNTRIES, countryName } from './countries.js';
import { escapeHtml } from './escape-html.js';
import { pageMeta } from './page-meta.js';

interface Choice {
  label: string;
  /** `undefined` removes the script default, so the `<meta>` one applies again. */
  value: string | undefined;
}

const tokenChoices = (): Choice[] => [
  { label: `${pageMeta('token') ?? 'None'}: valid (page <meta>)`, value: undefined },
  { label: 'mock-expired-token: expired', value: 'mock-expired-token' },
  // A blank script default hides the <meta> token: the buttons then report `no-token`.
  { label: 'None', value: '' },
];

const countryChoices = (): Choice[] => {
  const metaCountry = pageMeta('default-country');
  return [
    { label: `${metaCountry ? `${metaCountry}: ${countryName(metaCountry)}` : 'None'} (page <meta>)`, value: undefined },
    ...COUNTRIES.filter((country) => country.code !== metaCountry).map((country) => ({ label: `${country.code}: ${country.name}`, value: country.code })),
  ];
};

/** What the page has set by script, for the embed snippet. */
let scriptDefaults: SpacesCallButtonDefaults = {};

export const currentScriptDefaults = (): SpacesCallButtonDefaults => scriptDefaults;

type Apply = (value: string | undefined) => SpacesCallButtonDefaults;

/** Fills the selects with their choices; a change configures every button of the page, then calls `onChange`. */
export function bindDemoControls(tokenSelect: HTMLSelectElement, countrySelect: HTMLSelectElement, onChange: () => void): void {
  const bind = (select: HTMLSelectElement, choices: Choice[], apply: Apply) => {
    select.innerHTML = choices.map((choice, index) => `<option value="${index}">${escapeHtml(choice.label)}</option>`).join('');
    select.addEventListener('change', () => {
      const change = apply(choices[Number(select.value)]?.value);
      configureSpacesCallButtons(change);
      scriptDefaults = Object.fromEntries(Object.entries({ ...scriptDefaults, ...change }).filter(([, value]) => value !== undefined));
      onChange();
    });
  };
  bind(tokenSelect, tokenChoices(), (token) => ({ token }));
  bind(countrySelect, countryChoices(), (defaultCountry) => ({ defaultCountry }));
}
