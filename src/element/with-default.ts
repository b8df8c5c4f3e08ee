import type { ReactiveElement } from 'lit';

/**
 * Properties with a default value, as accessors over the button's `own` options (made at the first value the page
 * sets): a button that keeps the defaults stores nothing and reflects nothing. A field with an initial value, or an
 * accessor that Lit makes, would be reflected at the first update: `variant="button" size="medium"` written on every
 * button of a list. Lit's options for them say `noAccessor`; these accessors ask for the update themselves.
 */
export function withDefaults(proto: object, defaults: Record<string, unknown>): void {
  type Host = ReactiveElement & { own?: Record<string, unknown> } & Record<string, unknown>;
  for (const [name, fallback] of Object.entries(defaults)) {
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
  }
}
