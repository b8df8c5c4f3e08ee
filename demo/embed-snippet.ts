/**
 * "Embed it": the markup this very page uses, read from the live DOM: its `<meta>` defaults, the
 * element's script tag, the script defaults the demo controls have set, and one contact's button.
 */
import type { SpacesCallButtonDefaults } from '../src/spaces-call-button.js';
import { escapeHtml } from './escape-html.js';
import { pageMetaTags } from './page-meta.js';

/** The element's script tag, less the `?t=` cache-busting query that Vite's dev server adds after an edit. */
function elementScript(): HTMLScriptElement | undefined {
  const script = document.querySelector<HTMLScriptElement>('script[src*="/spaces-call-button."]');
  if (!script) return undefined;
  const clone = script.cloneNode() as HTMLScriptElement;
  clone.setAttribute('src', (script.getAttribute('src') ?? '').replace(/\?t=\d+$/, ''));
  return clone;
}

/** The button's own markup, one attribute a line. */
function buttonMarkup(button: Element): string {
  const attributes = [...button.attributes].map((attribute) => `\n  ${attribute.name}="${escapeHtml(attribute.value)}"`);
  return `<${button.localName}${attributes.join('')}\n></${button.localName}>`;
}

function configureScript(elementSrc: string, defaults: SpacesCallButtonDefaults): string[] {
  if (Object.keys(defaults).length === 0) return [];
  return [
    '<script type="module">',
    `  import { configureSpacesCallButtons } from '${elementSrc}';`,
    `  configureSpacesCallButtons(${JSON.stringify(defaults)});`,
    '</script>',
  ];
}

export function embedSnippet(scriptDefaults: SpacesCallButtonDefaults, button: Element | null): string {
  const script = elementScript();
  return [
    '<!-- In the <head>: page defaults for every button, and the element -->',
    ...pageMetaTags().map((meta) => meta.outerHTML),
    ...(script ? [script.outerHTML, ...configureScript(script.getAttribute('src') ?? '', scriptDefaults)] : []),
    '',
    '<!-- One button per phone number -->',
    button ? buttonMarkup(button) : '',
  ].join('\n');
}
