import { css } from 'lit';

/**
 * The button's stylesheet, one for every button of the page. Why some rules are as they are (the reasons are
 * kept here rather than as CSS comments, which every page would download):
 * - `[part='button']` font-size: `max(…, 12px)`, so that a page rule that reaches the host, such as
 *   `* { font-size: 0 }`, cannot make the text illegible.
 * - `:state(cancellable)`: ringing and followed live, a click hangs up, so the button takes the colour of an
 *   ending and the icon turns into the receiver put down (rotated; the icon is static in the template).
 * - `[part='icon']` is an inline SVG, not a CSS mask: a `data:` URL image would break pages whose CSP limits img-src.
 * - `[part='number']` reads left to right, also in right-to-left text.
 * - `[part='status']` is kept in the page while empty: a live region must exist before its text changes to be announced.
 */
export const styles = css`
  :host {
    --_color: var(--spaces-call-button-color, light-dark(#0b57d0, #a8c7fa));
    --_background: var(--spaces-call-button-background, transparent);
    --_hover-background: var(--spaces-call-button-hover-background, color-mix(in srgb, var(--_color) 12%, transparent));
    --_border: var(--spaces-call-button-border, 1px solid color-mix(in srgb, var(--_color) 50%, transparent));
    --_radius: var(--spaces-call-button-radius, 999px);
    --_font: var(--spaces-call-button-font, inherit);
    --_font-size: var(--spaces-call-button-font-size, 1em);
    --_gap: var(--spaces-call-button-gap, 0.4em);
    --_padding: var(--spaces-call-button-padding, 0.25em 0.75em);
    --_icon-size: var(--spaces-call-button-icon-size, 1.1em);
    --_focus-ring: var(--spaces-call-button-focus-ring, 2px solid var(--_color));
    --_status-color: var(--spaces-call-button-status-color, light-dark(#3c4043, #c4c7c5));
    --_error-color: var(--spaces-call-button-error-color, light-dark(#b3261e, #f2b8b5));
    --_calling-color: var(--spaces-call-button-calling-color, light-dark(#146c2e, #6dd58c));
    --_scale: 1;

    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    row-gap: 0.25em;
    max-width: 100%;
    font: var(--_font);
    vertical-align: middle;
  }
  :host([size='small']) {
    --_scale: 0.875;
  }
  :host([size='large']) {
    --_scale: 1.25;
  }

  [part='button'] {
    all: unset;
    box-sizing: border-box;
    display: inline-flex;
    flex: none;
    align-items: center;
    gap: var(--_gap);
    min-height: 24px;
    min-width: 24px;
    padding: var(--_padding);
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_color);
    font-family: inherit;
    font-size: max(calc(var(--_font-size) * var(--_scale)), 12px);
    line-height: 1.3;
    cursor: pointer;
    white-space: nowrap;
  }
  [part='button']:hover:not([aria-disabled='true'], :disabled) {
    background: var(--_hover-background);
  }
  [part='button']:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  :host(:state(invalid)) [part='button'],
  [part='button']:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  :host(:state(placing)) [part='button'],
  :host(:state(calling)) [part='button'] {
    cursor: progress;
  }
  :host(:state(cancellable)) [part='button'] {
    cursor: pointer;
    color: var(--_error-color);
    border-color: color-mix(in srgb, var(--_error-color) 50%, transparent);
  }

  :host([variant='link']) [part='button'] {
    border-color: transparent;
    border-radius: 2px;
    padding: 0 0.1em;
    background: none;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  :host([variant='icon']) [part='button'] {
    justify-content: center;
    padding: 0.3em;
  }
  :host([variant='icon']) slot:not([name]) {
    display: none;
  }

  [part='icon'] {
    width: var(--_icon-size);
    height: var(--_icon-size);
    flex: none;
    fill: currentColor;
  }
  ::slotted([slot='icon']) {
    flex: none;
    font-size: var(--_icon-size);
    line-height: 1;
  }
  :host(:state(cancellable)) [part='icon'] {
    transform: rotate(135deg);
  }
  :host(:state(placing)) [part='icon'] {
    animation: spaces-call-button-pulse 1s ease-in-out infinite;
  }
  @keyframes spaces-call-button-pulse {
    50% {
      opacity: 0.3;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host(:state(placing)) [part='icon'] {
      animation: none;
    }
  }

  [part='number'] {
    direction: ltr;
    unicode-bidi: isolate;
  }
  [part='extension'] {
    margin-inline-start: 0.3em;
    opacity: 0.8;
  }

  [part='status'] {
    flex: 1 1 16em;
    min-width: 0;
    font-size: max(calc(0.875 * var(--_font-size) * var(--_scale)), 12px);
    line-height: 1.3;
    color: var(--_status-color);
  }
  [part='status']:not(:empty) {
    margin-inline-start: var(--_gap);
  }
  :host(:state(calling)) [part='status'],
  :host(:state(answered)) [part='status'],
  [part='elapsed'] {
    color: var(--_calling-color);
  }
  [part='elapsed'] {
    margin-inline-start: var(--_gap);
    font-size: max(calc(0.875 * var(--_font-size) * var(--_scale)), 12px);
    font-variant-numeric: tabular-nums;
  }
  [part='sign-in'] {
    color: inherit;
    font-weight: 600;
    text-underline-offset: 0.15em;
  }
  [part='sign-in']:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  :host(:state(error)) [part='status'],
  :host(:state(invalid)) [part='status'] {
    color: var(--_error-color);
  }

  @media (forced-colors: active) {
    [part='button'] {
      border: 1px solid ButtonText;
      color: ButtonText;
    }
    :host(:state(invalid)) [part='button'],
    [part='button']:disabled {
      border-color: GrayText;
      color: GrayText;
    }
    [part='button']:focus-visible {
      outline-color: Highlight;
    }
    [part='icon'] {
      fill: ButtonText;
    }
  }
`;
