import { LitElement, html, type PropertyValues } from 'lit';
import type { CallError } from '../api/call-error.js';
import type { TokenProvider } from '../api/token-source.js';
import type { TokenType } from '../api/token-url.js';
import type { CallController } from '../call/call-controller.js';
import type { CallEndOutcome, Lifecycle } from '../call/call-lifecycle.js';
import { loadClientOnIntent } from '../call/client-loader.js';
import { en } from '../i18n/en.js';
import type { Messages } from '../i18n/messages.js';
import { pageDefaultCountry } from '../page/page-defaults.js';
import { stopWatching, whenNearViewport } from '../page/near-viewport.js';
import type { PhoneResult } from '../phone/phone.js';
import { shownNumber } from './button-text.js';
import { IDLE, placeCall } from './first-call.js';
import { followLanguage } from './language.js';
import { checkChangedNumber, checkDeferredNumber, checkNearViewport, isUnchecked } from './number-check.js';
import { forgetPageIfEmpty, joinPage, leavePage } from './page-buttons.js';
import { listenOnShadowRoot } from './shadow-listeners.js';
import { showStatus, type CallStatus } from './status-view.js';
import { styles } from './spaces-call-button.styles.js';
import { withDefaults } from './with-default.js';

export type { CallStatus };

/**
 * A click-to-call button: normalizes a phone number and places an Avaya Spaces (Aura) call.
 *
 * @summary Click-to-call through the Avaya Spaces calling API.
 *
 * @event {CallStartEvent} spaces-call-start - Before the request; cancelable: `preventDefault()` sends nothing.
 * @event {CallSuccessEvent} spaces-call-success - The API accepted the call; `detail.receivers` holds each callee's status.
 * @event {CallErrorEvent} spaces-call-error - The call failed; `detail.kind` and `detail.message` say why.
 * @event {CallUpdateEvent} spaces-call-update - After a success, each status change: `answered`, `ended` (with `outcome`), `idle`.
 * @event {CallEndEvent} spaces-call-end - Once for every call that succeeded: its `outcome`, times and duration, for the call log.
 *
 * @attr [lang=the nearest ancestor's, else the document's] - The language of every text (the native attribute, watched): English built in; `de`, `fr`, `es`, `ja` and `ar` (right to left) load when a button needs them; others fall back to English.
 *
 * @slot icon - Replaces the phone icon.
 * @slot - Replaces the visible number (the accessible name still says it).
 *
 * @csspart button - The `<button>`.
 * @csspart icon - The phone icon.
 * @csspart number - The formatted number (or the input, when invalid).
 * @csspart extension - The extension, when the number has one.
 * @csspart status - The live status text (placing, calling, answered, the outcome, error, invalid reason).
 * @csspart sign-in - The "Sign in" link beside a `signed-out` error, when a sign-in address is known.
 * @csspart elapsed - The time since the callee answered (m:ss), beside the status; not announced each second.
 *
 * @cssprop [--spaces-call-button-color=light-dark(#0b57d0, #a8c7fa)] - Text, icon and border colour.
 * @cssprop [--spaces-call-button-background=transparent] - Button background.
 * @cssprop [--spaces-call-button-hover-background=color-mix(in srgb, var(--_color) 12%, transparent)] - Button background on hover (`--_color` is the colour in force).
 * @cssprop [--spaces-call-button-border=1px solid color-mix(in srgb, var(--_color) 50%, transparent)] - Button border (`--_color` is the colour in force).
 * @cssprop [--spaces-call-button-radius=999px] - Button corner radius.
 * @cssprop [--spaces-call-button-font=inherit] - Font shorthand.
 * @cssprop [--spaces-call-button-gap=0.4em] - Space between icon, number and status.
 * @cssprop [--spaces-call-button-padding=0.25em 0.75em] - Button padding.
 * @cssprop [--spaces-call-button-icon-size=1.1em] - Icon width and height.
 * @cssprop [--spaces-call-button-focus-ring=2px solid var(--_color)] - Focus outline (`--_color` is the colour in force).
 * @cssprop [--spaces-call-button-status-color=light-dark(#3c4043, #c4c7c5)] - Status text colour.
 * @cssprop [--spaces-call-button-calling-color=light-dark(#146c2e, #6dd58c)] - Status colour while calling.
 * @cssprop [--spaces-call-button-error-color=light-dark(#b3261e, #f2b8b5)] - Status colour for errors and invalid numbers.
 * @cssprop [--spaces-call-button-font-size=1em] - Font size, scaled by `size`; never below 12px.
 *
 * @cssstate idle - Ready to call (also while the number is being checked).
 * @cssstate invalid - The number cannot be called; the status says why.
 * @cssstate placing - The call request is under way.
 * @cssstate calling - The API accepted the call.
 * @cssstate cancellable - Calling, followed live: a click cancels the call.
 * @cssstate answered - The callee picked up (followed live or reported by the host).
 * @cssstate ended - The call is over; the status shows how it ended.
 * @cssstate error - The last call failed; the status says why.
 */
export class SpacesCallButton extends LitElement {
  static override styles = styles;

  /** @internal Lit's reactive properties: the fields documented below with their attributes. The internal state (`phone`, `messages`, `slottedText`) is made reactive in the static block that follows, out of the manifest. */
  static override properties = {
    number: {},
    defaultCountry: { attribute: 'default-country' },
    token: {},
    tokenUrl: { attribute: 'token-url' },
    signInUrl: { attribute: 'sign-in-url' },
    tokenType: { attribute: 'token-type' },
    environment: {},
    apiBase: { attribute: 'api-base' },
    callType: { attribute: 'call-type' },
    displayName: { attribute: 'display-name' },
    timeout: { type: Number },
    resetDelay: { attribute: 'reset-delay', type: Number },
    maxConcurrentCalls: { attribute: 'max-concurrent-calls', type: Number },
    live: { type: Boolean },
    socketUrl: { attribute: 'socket-url' },
    answerTimeout: { attribute: 'answer-timeout', type: Number },
    disabled: { type: Boolean, reflect: true, noAccessor: true },
    variant: { reflect: true, noAccessor: true },
    size: { reflect: true, noAccessor: true },
    masked: { type: Boolean, reflect: true, noAccessor: true },
    visibleDigits: { attribute: 'visible-digits', type: Number, noAccessor: true },
    label: {},
    placingLabel: { attribute: 'placing-label' },
    callingLabel: { attribute: 'calling-label' },
    getToken: { attribute: false },
  };

  static {
    for (const name of ['phone', 'messages', 'slottedText']) this.createProperty(name, { state: true });
    // Lit's properties first: an accessor already on the prototype would be one that Lit wraps, and reflects at the first update.
    this.finalize();
    withDefaults(this.prototype, { disabled: false, variant: 'button', size: 'medium', masked: false, visibleDigits: 4 });
  }

  /** The phone number, in any common national or international format, a `tel:` URI, with or without an extension. */
  number = '';

  /**
   * ISO 3166-1 alpha-2 country for national-format numbers; else the page default, else the region of the document's `lang`.
   * @default the page's, else the region of the document's `lang` (`en-GB` → `GB`), else none
   */
  defaultCountry?: string;

  /**
   * The access token (JWT or OAuth2), as it is: for trying the button out. In production use `token-url`.
   * @default the page's, else none
   */
  token?: string;

  /**
   * The host's token endpoint, the production token source (`GET` with the page's cookies → `{ access_token, token_type, expires_in }`); after `getToken`, before `token`.
   * @default the page's, else none
   */
  tokenUrl?: string;

  /**
   * Where a signed-out user signs in; offered as a "Sign in" link beside the `signed-out` error.
   * @default the page's, else the token endpoint's `sign_in_url`
   */
  signInUrl?: string;

  /**
   * The Authorization scheme: `jwt` (default) or `bearer`.
   * @default 'jwt'
   */
  tokenType?: TokenType;

  /**
   * `production` (default) or `staging`. Another one than the page's needs the button's own token source: a page token is not sent there.
   * @default 'production'
   */
  environment?: string;

  /**
   * An explicit API origin (a proxy, the mock API); overrides `environment`. May be relative to the page. Another origin than the page's API needs the button's own token source.
   * @default from `environment`
   */
  apiBase?: string;

  /**
   * The `{callType}` path segment; default `aura`.
   * @default 'aura'
   */
  callType?: string;

  /**
   * The callee's `displayname` sent to the API; default empty.
   * @default ''
   */
  displayName?: string;

  /**
   * Milliseconds before a call request is given up; default 15000.
   * @default 15000
   */
  timeout?: number;

  /**
   * Milliseconds the "Calling …" status stays before the button is ready again; default 4000.
   * @default 4000
   */
  resetDelay?: number;

  /**
   * How many calls may be placed at once on the page, counting every button; default 1, `0` for no limit.
   * @default 1
   */
  maxConcurrentCalls?: number;

  /**
   * Follows each call over the Spaces real-time channel: answered, declined, no answer; a click cancels while calling.
   * @default false
   */
  live?: boolean;

  /**
   * The real-time channel URL (a proxy, the mock); default from `environment`. `wss:` only, except on this computer. With `live`, another origin than the page's channel needs the button's own token source.
   * @default from `environment`
   */
  socketUrl?: string;

  /**
   * Milliseconds a live call may go unanswered before the button stops following it (outcome `unknown`); default 60000.
   * @default 60000
   */
  answerTimeout?: number;

  // The next five have defaults that a button keeps without storing or reflecting them (see `withDefaults`).

  /**
   * Disables the button.
   * @default false
   */
  disabled!: boolean;

  /**
   * The look: `button` (default, outlined), `link` (text only) or `icon` (the icon alone; the name is still announced).
   * @default 'button'
   */
  variant!: 'button' | 'link' | 'icon';

  /**
   * `small`, `medium` (default) or `large`.
   * @default 'medium'
   */
  size!: 'small' | 'medium' | 'large';

  /**
   * Shows only the last `visible-digits` digits of the number; the full number is still dialled.
   * @default false
   */
  masked!: boolean;

  /**
   * How many trailing digits a masked number shows; default 4.
   * @default 4
   */
  visibleDigits!: number;

  /**
   * Replaces the accessible name ("Call {number}"); `{number}` stands for the shown number.
   * @default "Call {number}", in the button's language
   */
  label?: string;

  /**
   * Replaces the "Placing call…" status.
   * @default "Placing call…", in the button's language
   */
  placingLabel?: string;

  /**
   * Replaces the "Calling {name}…" status; `{name}` stands for the callee.
   * @default "Calling {name}…", in the button's language
   */
  callingLabel?: string;

  /**
   * A token provider, `({ forceRefresh }) => token`, for an app that holds the user's token: asked before each call and again once after a 401.
   * @default the page's, else none
   */
  getToken?: TokenProvider;

  // What follows is per button, so a button of a long list keeps as little as it can: fields are set only when
  // they differ from their default (undefined reads as it), and whatever is the same for every button lives once
  // in a module (the page-defaults subscription, the listeners, the icon in the template). The fields marked
  // @internal are the helpers' (number-check.ts, status-view.ts, language.ts, shadow-listeners.ts), not the page's.

  /** @internal The normalized number; `undefined` while the phone data it needs is loading. */
  phone?: PhoneResult;
  /** @internal The texts in the language of the nearest `lang`; English when unset. */
  messages?: Messages;
  /** @internal The words the page put in the default slot, if any: they lead the accessible name. */
  slottedText?: string;

  /** @internal */
  readonly internals = this.attachInternals();
  /** @internal Made at the first click, with the code a call needs (see first-call.ts): a button never clicked pays nothing for it. */
  calls?: CallController;
  /** @internal What the button shows before it has a controller (idle when unset): placing while the call code loads, or the error if it could not. */
  beforeCalls?: Lifecycle;
  /** @internal The normalization under way while `phone` is undefined. */
  phoneReady?: Promise<PhoneResult>;
  /** @internal The translation being loaded, if any. */
  messagesReady?: Promise<unknown>;
  /** @internal What the status line says; unset while it says nothing. */
  statusLine?: string;
  /** @internal The elapsed time of an answered call (`[part=elapsed]`), while there is one. */
  timer?: HTMLSpanElement;
  /** @internal The number's extension (`[part=extension]`), while it has one. */
  extensionSpan?: HTMLSpanElement;
  /** The page's default country changed: the number is checked again with it. */
  private defaultsChanged?: boolean;
  /** @internal Set once the button has come near the viewport; from then on its number is checked as soon as it changes. */
  seen?: boolean;

  /** @internal The number as text, whatever a script assigned to the property. */
  get input(): string {
    const { number } = this as { number: unknown };
    return typeof number === 'string' ? number : typeof number === 'number' && Number.isFinite(number) ? String(number) : '';
  }

  /**
   * `idle`, `invalid`, `placing`, `calling`, `answered`, `ended` or `error`.
   * @default 'idle'
   */
  get status(): CallStatus {
    return this.phone?.ok === false ? 'invalid' : this.callState.status;
  }

  /** @internal */
  get callState(): Lifecycle {
    return this.calls?.state ?? this.beforeCalls ?? IDLE;
  }

  /** @internal Calling, followed live: a click cancels the call. */
  get canCancel(): boolean {
    return this.calls?.canCancel ?? false;
  }

  /** @internal The default country in force: own attribute, page default or the document's region (each read once per page, not per button). */
  get country(): string | undefined {
    return this.defaultCountry ?? pageDefaultCountry();
  }

  /**
   * How the last call ended (`answered`, `declined`, `not-answered`, `cancelled`, `failed`, `unknown`), or `null`.
   * @default null
   */
  get outcome(): CallEndOutcome | null {
    return this.calls?.outcome ?? null;
  }

  /**
   * The normalized number, or `null` when it is invalid (or not yet checked).
   * @default null
   */
  get e164(): string | null {
    return this.phone?.ok ? this.phone.e164 : null;
  }

  /**
   * The last call's error, or `null`.
   * @default null
   */
  get error(): CallError | null {
    const state = this.callState;
    return state.status === 'error' ? state.error : null;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    listenOnShadowRoot(root);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    joinPage(this);
    followLanguage(this);
    loadClientOnIntent('spaces-call-button');
    if (isUnchecked(this)) whenNearViewport(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) followLanguage(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    leavePage(this);
    stopWatching(this);
    // Moved in the page (removed and added back in the same task): the call goes on, since it may
    // already have been placed. Removed: its request is abandoned and nothing more is announced.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.calls?.abandon();
      forgetPageIfEmpty();
    });
  }

  /** @internal Called once the page's default country changes (page-buttons.ts). */
  defaultCountryChanged(): void {
    this.defaultsChanged = true;
    this.requestUpdate();
  }

  /** @internal Called by near-viewport.ts when the button comes near the viewport. */
  nearViewport(): void {
    checkNearViewport(this);
  }

  /** Places the call as a click would. Resolves when the request has ended; does nothing while a call is under way. */
  call(): Promise<void> {
    return placeCall(this);
  }

  /** Cancels a live call that has not been answered yet, as a click does then. Returns whether it did. */
  cancel(): boolean {
    return this.calls?.cancel() ?? false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.defaultsChanged || changed.has('number') || changed.has('defaultCountry')) {
      if (this.defaultsChanged) this.defaultsChanged = false;
      checkChangedNumber(this);
    }
  }

  protected override updated(changed: PropertyValues): void {
    showStatus(this, changed.has('disabled'));
  }

  /**
   * Lit's `updateComplete` also checks the number (now, if the button has not come into view yet) and
   * waits for that and for its translation, so that tests and hosts that await it see it settled.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    checkDeferredNumber(this);
    while (this.phoneReady || this.messagesReady) {
      await Promise.all([this.phoneReady, this.messagesReady]);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override render() {
    const { phone } = this;
    const messages = this.messages ?? en;
    const { masked, visibleDigits, label, slottedText } = this;
    const shown = shownNumber(phone, this.input, messages, { masked, visibleDigits, label, slottedText });
    // Written without whitespace between tags: every text node and marker is paid for on each of a list's buttons;
    // so is every binding (a part), hence the icon is static (turned into a hang-up by CSS with :state(cancellable)),
    // the click and slotchange listeners are the shadow root's, shared (see shadow-listeners.ts), and what changes
    // only with the status (the status line, the states), or what few buttons show (an extension, the elapsed time
    // of a live call), is set in `updated` (see status-view.ts).
    return html`<button type="button" part="button" aria-label=${this.canCancel ? messages.cancelLabel(shown.text) : shown.label} aria-describedby="status"><slot name="icon"><svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/></svg></slot><slot><span part="number">${shown.text}</span></slot></button><span part="status" id="status" role="status"></span>`;
  }

  /** @internal A new number: a call or error of the old one is dropped. */
  resetCall(): void {
    this.calls?.reset();
    if (this.beforeCalls?.status === 'error') this.beforeCalls = IDLE;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'spaces-call-button': SpacesCallButton;
  }
}
