import { LitElement, html, render, type PropertyValues, type ReactiveElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CallError } from '../api/call-error.js';
import type { CallController } from '../call/call-controller.js';
import type { CallEndOutcome, Lifecycle } from '../call/call-lifecycle.js';
import { loadClient, loadClientOnIntent } from '../call/client-loader.js';
import type { Receiver } from '../api/call-response.js';
import { formatDuration, shownNumber, statusText } from './button-text.js';
import { createCallEvent } from './events.js';
import { en } from '../i18n/en.js';
import { languageOf, messagesFor } from '../i18n/locale.js';
import type { Messages } from '../i18n/messages.js';
import { onDefaultsChange, pageDefaultCountry, pageDefaults } from '../page/page-defaults.js';
import { DEFAULT_CALL_TYPE } from '../api/api-defaults.js';
import type { PhoneResult } from '../phone/phone.js';
import { canWatchViewport, stopWatching, whenNearViewport } from '../page/near-viewport.js';
import { forgetNumbers, normalizeNumber, numbersPrepared, prepareNumbers } from '../phone/phone-loader.js';
import type { TokenProvider } from '../api/token-source.js';
import type { TokenType } from '../api/token-url.js';
import { styles } from './spaces-call-button.styles.js';

export type CallStatus = 'idle' | 'invalid' | 'placing' | 'calling' | 'answered' | 'ended' | 'error';

const IDLE: Lifecycle = { status: 'idle' };
const PLACING: Lifecycle = { status: 'placing' };

/**
 * A property with a default value, as an accessor over the button's `own` options (made at the first value the
 * page sets): a button that keeps the default stores nothing and reflects nothing. A field with an initial value,
 * or an accessor that Lit wraps, would be reflected at the first update: `variant="button" size="medium"` written
 * on every button of a list. Applied after `@property` (listed before it), so Lit's accessor is replaced by this
 * one, which asks for the update itself.
 */
function withDefault(fallback: unknown) {
  type Host = ReactiveElement & { own?: Record<string, unknown> } & Record<string, unknown>;
  return (proto: object, name: string): void => {
    Object.defineProperty(proto, name, {
      get(this: Host) {
        return this.own?.[name] ?? fallback;
      },
      set(this: Host, value: unknown) {
        const old = this[name];
        (this.own ??= {})[name] = value;
        this.requestUpdate(name, old);
      },
      configurable: true,
    });
  };
}

/**
 * The buttons in the page, for what changes page-wide: the page defaults reach them through one subscription,
 * held while there is any button, and the remembered number checks are dropped when the last one leaves.
 */
const connected = new Set<SpacesCallButton>();
let unsubscribeDefaults: (() => void) | undefined;
/**
 * The page's default country as the buttons last read it: the only page default that changes what a number
 * means. A host that changes another one (a token, a timeout) re-renders nothing, and ends no call.
 */
let pageCountry: string | undefined;

/**
 * Every button's shadow root shares this click listener: a click on the `<button>` (or on what is slotted in it)
 * cancels a live call that is ringing, or else calls.
 */
function onClick(this: ShadowRoot, event: Event): void {
  for (const node of event.composedPath()) {
    if (node === this) return; // the status line (its sign-in link), not the button
    if ((node as Element).localName !== 'button') continue;
    const button = this.host as SpacesCallButton;
    if (!button.cancel()) void button.call();
    return;
  }
}

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
 * @cssprop --spaces-call-button-color - Text, icon and border colour.
 * @cssprop --spaces-call-button-background - Button background.
 * @cssprop --spaces-call-button-hover-background - Button background on hover.
 * @cssprop --spaces-call-button-border - Button border.
 * @cssprop --spaces-call-button-radius - Button corner radius.
 * @cssprop --spaces-call-button-font - Font shorthand.
 * @cssprop --spaces-call-button-gap - Space between icon, number and status.
 * @cssprop --spaces-call-button-padding - Button padding.
 * @cssprop --spaces-call-button-icon-size - Icon width and height.
 * @cssprop --spaces-call-button-focus-ring - Focus outline.
 * @cssprop --spaces-call-button-status-color - Status text colour.
 * @cssprop --spaces-call-button-calling-color - Status colour while calling.
 * @cssprop --spaces-call-button-error-color - Status colour for errors and invalid numbers.
 * @cssprop --spaces-call-button-font-size - Font size (default: inherited, at least 12px).
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

  /** The phone number, in any common national or international format, a `tel:` URI, with or without an extension. */
  @property() number = '';

  /** ISO 3166-1 alpha-2 country for national-format numbers; else the page default, else the region of the document's `lang`. */
  @property({ attribute: 'default-country' }) defaultCountry?: string;

  /** The access token (JWT or OAuth2). Prefer `getToken`. */
  @property() token?: string;

  /** The host's token endpoint (`GET` with the page's cookies → `{ access_token, token_type, expires_in }`); after `getToken`, before `token`. */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Where a signed-out user signs in; offered as a "Sign in" link beside the `signed-out` error. */
  @property({ attribute: 'sign-in-url' }) signInUrl?: string;

  /** The Authorization scheme: `jwt` (default) or `bearer`. */
  @property({ attribute: 'token-type' }) tokenType?: TokenType;

  /** `production` (default) or `staging`. Another one than the page's needs the button's own token source: a page token is not sent there. */
  @property() environment?: string;

  /** An explicit API origin (a proxy, the mock API); overrides `environment`. May be relative to the page. Another origin than the page's API needs the button's own token source. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** The `{callType}` path segment; default `aura`. */
  @property({ attribute: 'call-type' }) callType?: string;

  /** The callee's `displayname` sent to the API; default empty. */
  @property({ attribute: 'display-name' }) displayName?: string;

  /** Milliseconds before a call request is given up; default 15000. */
  @property({ type: Number }) timeout?: number;

  /** Milliseconds the "Calling …" status stays before the button is ready again; default 4000. */
  @property({ attribute: 'reset-delay', type: Number }) resetDelay?: number;

  /** How many calls may be placed at once on the page, counting every button; default 1, `0` for no limit. */
  @property({ attribute: 'max-concurrent-calls', type: Number }) maxConcurrentCalls?: number;

  /** Follows each call over the Spaces real-time channel: answered, declined, no answer; a click cancels while calling. */
  @property({ type: Boolean }) live?: boolean;

  /** The real-time channel URL (a proxy, the mock); default from `environment`. `wss:` only, except on this computer. With `live`, another origin than the page's channel needs the button's own token source. */
  @property({ attribute: 'socket-url' }) socketUrl?: string;

  /** Milliseconds a live call may go unanswered before the button stops following it (outcome `unknown`); default 60000. */
  @property({ attribute: 'answer-timeout', type: Number }) answerTimeout?: number;

  // The next five have defaults that a button keeps without storing or reflecting them (see `withDefault`).

  /** Disables the button. */
  @withDefault(false) @property({ type: Boolean, reflect: true }) disabled!: boolean;

  /** The look: `button` (default, outlined), `link` (text only) or `icon` (the icon alone; the name is still announced). */
  @withDefault('button') @property({ reflect: true }) variant!: 'button' | 'link' | 'icon';

  /** `small`, `medium` (default) or `large`. */
  @withDefault('medium') @property({ reflect: true }) size!: 'small' | 'medium' | 'large';

  /** Shows only the last `visible-digits` digits of the number; the full number is still dialled. */
  @withDefault(false) @property({ type: Boolean, reflect: true }) masked!: boolean;

  /** How many trailing digits a masked number shows; default 4. */
  @withDefault(4) @property({ attribute: 'visible-digits', type: Number }) visibleDigits!: number;

  /** Replaces the accessible name ("Call {number}"); `{number}` stands for the shown number. */
  @property() label?: string;

  /** Replaces the "Placing call…" status. */
  @property({ attribute: 'placing-label' }) placingLabel?: string;

  /** Replaces the "Calling {name}…" status; `{name}` stands for the callee. */
  @property({ attribute: 'calling-label' }) callingLabel?: string;

  /** The recommended token source: `({ forceRefresh }) => token`, asked before each call and again once after a 401. */
  @property({ attribute: false }) getToken?: TokenProvider;

  // What follows is per button, so a button of a long list keeps as little as it can: fields are set only when
  // they differ from their default (undefined reads as it), and whatever is the same for every button lives once
  // in the module (the page-defaults subscription, the listeners, the icon in the template).

  /** The normalized number; `undefined` while the phone data it needs is loading. */
  @state() private phone?: PhoneResult;
  /** The texts in the language of the nearest `lang`; English when unset. */
  @state() private messages?: Messages;
  /** The words the page put in the default slot, if any: they lead the accessible name. */
  @state() private slottedText?: string;

  private readonly internals = this.attachInternals();
  /** Made at the first click, with the code a call needs (see client-loader.ts): a button never clicked pays nothing for it. */
  private calls?: CallController;
  /** What the button shows before it has a controller (idle when unset): placing while the call code loads, or the error if it could not. */
  private beforeCalls?: Lifecycle;
  /** The normalization under way while `phone` is undefined. */
  private phoneReady?: Promise<PhoneResult>;
  /** The translation being loaded, if any. */
  private messagesReady?: Promise<unknown>;
  /** What the status line says (`updateStatusLine`); unset while it says nothing. */
  private statusLine?: string;
  /** The elapsed time of an answered call (`[part=elapsed]`), while there is one. */
  private timer?: HTMLSpanElement;
  /** The number's extension (`[part=extension]`), while it has one. */
  private extensionSpan?: HTMLSpanElement;
  /** The page's default country changed: the number is checked again with it. */
  private defaultsChanged?: boolean;
  /** Set once the button has come near the viewport; from then on its number is checked as soon as it changes. */
  private seen?: boolean;

  /** The one page-defaults listener of all the buttons: a new default country has the numbers checked again. */
  private static readonly onDefaultsChange = (): void => {
    const { defaultCountry } = pageDefaults();
    if (defaultCountry === pageCountry) return;
    pageCountry = defaultCountry;
    for (const button of connected) {
      button.defaultsChanged = true;
      button.requestUpdate();
    }
  };

  /** Every button's shadow root shares this listener (and `onClick`): the words slotted in the default slot lead the accessible name. */
  private static readonly onSlotChange = function (this: ShadowRoot, event: Event): void {
    const slot = event.target as HTMLSlotElement;
    if (slot.name) return; // the icon
    const text = slot
      .assignedNodes()
      .map((node) => node.textContent)
      .join('')
      .trim();
    (this.host as SpacesCallButton).slottedText = text;
  };

  /** The number as text, whatever a script assigned to the property. */
  private get input(): string {
    const { number } = this as { number: unknown };
    return typeof number === 'string' ? number : typeof number === 'number' && Number.isFinite(number) ? String(number) : '';
  }

  /** `idle`, `invalid`, `placing`, `calling`, `answered`, `ended` or `error`. */
  get status(): CallStatus {
    return this.phone?.ok === false ? 'invalid' : this.callState.status;
  }

  private get callState(): Lifecycle {
    return this.calls?.state ?? this.beforeCalls ?? IDLE;
  }

  /** The default country in force: own attribute, page default or the document's region (each read once per page, not per button). */
  private get country(): string | undefined {
    return this.defaultCountry ?? pageDefaultCountry();
  }

  /** How the last call ended (`answered`, `declined`, `not-answered`, `cancelled`, `failed`, `unknown`), or `null`. */
  get outcome(): CallEndOutcome | null {
    return this.calls?.outcome ?? null;
  }

  /** The normalized number, or `null` when it is invalid (or not yet checked). */
  get e164(): string | null {
    return this.phone?.ok ? this.phone.e164 : null;
  }

  /** The last call's error, or `null`. */
  get error(): CallError | null {
    const state = this.callState;
    return state.status === 'error' ? state.error : null;
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener('click', onClick);
    root.addEventListener('slotchange', SpacesCallButton.onSlotChange);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    if (!unsubscribeDefaults) {
      pageCountry = pageDefaults().defaultCountry;
      unsubscribeDefaults = onDefaultsChange(SpacesCallButton.onDefaultsChange);
    }
    this.updateLanguage();
    loadClientOnIntent('spaces-call-button');
    if (this.unchecked) whenNearViewport(this);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && this.isConnected) this.updateLanguage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    stopWatching(this);
    // Moved in the page (removed and added back in the same task): the call goes on, since it may
    // already have been placed. Removed: its request is abandoned and nothing more is announced.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.calls?.abandon();
      // The last button left: nothing page-wide is kept for buttons that are gone.
      if (connected.size === 0) {
        unsubscribeDefaults?.();
        unsubscribeDefaults = undefined;
        forgetNumbers();
      }
    });
  }

  /** Places the call as a click would. Resolves when the request has ended; does nothing while a call is under way. */
  async call(): Promise<void> {
    if (this.disabled || this.beforeCalls === PLACING || this.calls?.busy) return;
    // Placing from here on, so that more clicks do nothing while the call code loads and the number is checked.
    const started = this.calls ? { calls: this.calls, signal: this.calls.begin() } : await this.loadCalls();
    if (!started) return;
    const { calls, signal } = started;
    if (!this.phone) await this.updateComplete; // which checks the number first
    // A new number while it was checked aborts this attempt (see willUpdate).
    if (signal.aborted) return;
    const { phone } = this;
    if (!phone?.ok) return calls.drop();
    await calls.place(phone, this, { ...this.dataset });
  }

  /** The first click's wait for the call code, shown as placing; then the call begins. If it cannot load, that is a network error. */
  private async loadCalls(): Promise<{ calls: CallController; signal: AbortSignal } | undefined> {
    this.beforeCalls = PLACING;
    this.requestUpdate();
    const module = await loadClient();
    // The controller takes over the placing state at once (in the same microtask), so that no one ever sees idle.
    this.beforeCalls = IDLE;
    if (!this.isConnected) return undefined; // removed meanwhile
    if (module) {
      const calls = (this.calls ??= new module.CallController(this, () => this.messages ?? en));
      return { calls, signal: calls.begin() };
    }
    const error: CallError = { kind: 'network', message: (this.messages ?? en).error({ kind: 'network' }) };
    this.beforeCalls = { status: 'error', error };
    this.requestUpdate();
    const data = { ...this.dataset };
    this.dispatchEvent(createCallEvent('spaces-call-error', { number: this.e164 ?? '', callType: this.callType || DEFAULT_CALL_TYPE, data, ...error }));
    return undefined;
  }

  /** Cancels a live call that has not been answered yet, as a click does then. Returns whether it did. */
  cancel(): boolean {
    return this.calls?.cancel() ?? false;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.defaultsChanged || changed.has('number') || changed.has('defaultCountry')) {
      if (this.defaultsChanged) this.defaultsChanged = false;
      const known = this.seen || !canWatchViewport() ? this.check() : this.deferCheck();
      // A call or error belongs to the number it was for (a call before the first render is for this one).
      if (this.hasUpdated && !(known?.ok && known.e164 === this.e164)) this.resetCall();
      if (known !== this.phone) this.phone = known;
    }
  }

  /**
   * What changes only with the status or `disabled`, set when they change rather than bound in the template (each
   * binding is a part on every button of a list): the `:state()`s, the `<button>`'s `aria-disabled` and `disabled`,
   * the status line.
   */
  protected override updated(changed: PropertyValues): void {
    const { status } = this;
    const canCancel = !!this.calls?.canCancel;
    const shown = this.internals.states;
    if (!shown.has(status) || shown.has('cancellable') !== canCancel) {
      const first = !shown.size;
      shown.clear();
      shown.add(status);
      if (canCancel) shown.add('cancellable');
      // Invalid, or a call under way that a click cannot cancel: focusable, but says it does nothing.
      const inert = status === 'invalid' || (!canCancel && (status === 'placing' || status === 'calling' || status === 'answered'));
      if (inert) this.button.setAttribute('aria-disabled', 'true');
      else if (!first) this.button.removeAttribute('aria-disabled');
    }
    if (changed.has('disabled')) this.button.toggleAttribute('disabled', this.disabled);
    this.updateStatusLine();
    // The extension, after the number (and replaced with it by slotted words): made for the numbers that have one.
    const { phone } = this;
    const extension = phone?.ok && !this.masked && phone.extension ? (this.messages ?? en).extension(phone.extension) : undefined;
    const extensionSpan = this.shown(this.extensionSpan, extension, 'extension', (span) => this.renderRoot.querySelector('[part=number]')!.after(span));
    if (extensionSpan !== this.extensionSpan) this.extensionSpan = extensionSpan;
    // The time since a followed call was answered, beside the status and outside its live region (not announced
    // each second): buttons without `live` pay nothing for it.
    const state = this.callState;
    const elapsed = state.status === 'answered' ? formatDuration(Date.now() - state.answeredAt) : undefined;
    const timer = this.shown(this.timer, elapsed, 'elapsed', (span) => {
      span.setAttribute('role', 'timer');
      this.renderRoot.querySelector('[part=status]')!.before(span);
    });
    if (timer !== this.timer) this.timer = timer;
  }

  /** A span that few buttons show, made while it has a text (`part` names it), updated in place, removed after. */
  private shown(span: HTMLSpanElement | undefined, text: string | undefined, part: string, insert: (span: HTMLSpanElement) => void) {
    if (text === undefined) return void span?.remove();
    if (!span) {
      span = document.createElement('span');
      span.setAttribute('part', part);
      insert(span);
    }
    span.textContent = text;
    return span;
  }

  private get button(): HTMLButtonElement {
    return this.renderRoot.querySelector('button')!;
  }

  private whenChecked(result: Promise<PhoneResult>): Promise<PhoneResult> {
    const pending = result.then((phone) => {
      if (this.phoneReady !== pending) return phone; // superseded by a newer number
      this.phoneReady = undefined;
      this.phone = phone;
      if (!phone.ok) this.resetCall();
      return phone;
    });
    return pending;
  }

  /** Checks the number now: the result, or `undefined` while the phone data it needs loads (see `phoneReady`). */
  private check(): PhoneResult | undefined {
    const result = normalizeNumber(this.input, this.country);
    if (result instanceof Promise) {
      this.phoneReady = this.whenChecked(result);
      return undefined;
    }
    if (this.phoneReady) this.phoneReady = undefined;
    return result;
  }

  /** Leaves the number of a button far below the viewport unchecked until it comes near. */
  private deferCheck(): undefined {
    if (this.phoneReady) this.phoneReady = undefined;
    if (this.isConnected) whenNearViewport(this);
    // The first such button starts loading what checking numbers needs, so that it is in when buttons come into view.
    if (!numbersPrepared()) prepareNumbers(this.country);
    return undefined;
  }

  /**
   * Called by near-viewport.ts when the button comes near the viewport: from then on its number is checked as soon as it changes.
   * @internal
   */
  nearViewport(): void {
    this.seen = true;
    this.checkDeferredNumber();
  }

  /** The number changed while the button was off screen: it is checked when it comes near, is clicked, or is awaited. */
  private get unchecked(): boolean {
    return this.hasUpdated && !this.phone && !this.phoneReady;
  }

  private checkDeferredNumber(): void {
    if (!this.unchecked) return;
    const known = this.check();
    if (known !== this.phone) this.phone = known;
  }

  /**
   * Lit's `updateComplete` also checks the number (now, if the button has not come into view yet) and
   * waits for that and for its translation, so that tests and hosts that await it see it settled.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    this.checkDeferredNumber();
    while (this.phoneReady || this.messagesReady) {
      await Promise.all([this.phoneReady, this.messagesReady]);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  protected override render() {
    const { phone } = this;
    const messages = this.messages ?? en;
    const canCancel = this.calls?.canCancel ?? false;
    const { masked, visibleDigits, label, slottedText } = this;
    const shown = shownNumber(phone, this.input, messages, { masked, visibleDigits, label, slottedText });
    // Written without whitespace between tags: every text node and marker is paid for on each of a list's buttons;
    // so is every binding (a part), hence the icon is static (turned into a hang-up by CSS with :state(cancellable)),
    // the click and slotchange listeners are the shadow root's, shared (see createRenderRoot), and what changes
    // only with the status (the status line, the states), or what few buttons show (an extension, the elapsed time
    // of a live call), is set in `updated`.
    return html`<button type="button" part="button" aria-label=${canCancel ? messages.cancelLabel(shown.text) : shown.label} aria-describedby="status"><slot name="icon"><svg part="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"/></svg></slot><slot><span part="number">${shown.text}</span></slot></button><span part="status" id="status" role="status"></span>`;
  }

  /**
   * The live status line: its text, with a "Sign in" link after a `signed-out` error when a sign-in address is known.
   * Written only when it changes; an idle button with a number not known to be invalid (most of a list) says nothing.
   */
  private updateStatusLine(): void {
    const { phone } = this;
    const state = this.callState;
    const messages = this.messages ?? en;
    const text = state.status === 'idle' && phone?.ok !== false ? '' : statusText({ phone, state, nameOf: (receiver) => this.nameOf(receiver) }, messages, this);
    const signInUrl = state.status === 'error' ? state.error.signInUrl : undefined;
    const line = signInUrl ? `${text}\n${signInUrl}\n${messages.signIn}` : text;
    if (line === (this.statusLine ?? '')) return;
    this.statusLine = line || undefined;
    const content = signInUrl ? html`${text} <a part="sign-in" href=${signInUrl} target="_blank" rel="noopener">${messages.signIn}</a>` : text;
    render(content, this.renderRoot.querySelector<HTMLElement>('[part=status]')!);
  }

  /** A new number: a call or error of the old one is dropped. */
  private resetCall(): void {
    this.calls?.reset();
    if (this.beforeCalls?.status === 'error') this.beforeCalls = IDLE;
  }

  /** A receiver's name: a number is formatted like the button's own (and masked with it). */
  private nameOf({ displayname, address }: Receiver): string {
    const name = displayname || address || this.e164 || '';
    const phone = normalizeNumber(name, this.country);
    if (phone instanceof Promise || !phone.ok) return name;
    return shownNumber(phone, name, this.messages ?? en, { masked: this.masked, visibleDigits: this.visibleDigits }).text;
  }

  private updateLanguage(): void {
    const messages = messagesFor(languageOf(this));
    if (messages instanceof Promise) {
      const pending: Promise<unknown> = messages.then((loaded) => {
        if (this.messagesReady === pending) this.messagesReady = undefined;
        this.messages = loaded;
      });
      this.messagesReady = pending;
    } else {
      if (this.messagesReady) this.messagesReady = undefined;
      if (messages !== (this.messages ?? en)) this.messages = messages;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'spaces-call-button': SpacesCallButton;
  }
}
