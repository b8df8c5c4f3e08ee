import type { ReactiveElement } from 'lit';

/**
 * A property with a default value, as an accessor over the button's `own` options (made at the first value the
 * page sets): a button that keeps the default stores nothing and reflects nothing. A field with an initial value,
 * or an accessor that Lit wraps, would be reflected at the first update: `variant="button" size="medium"` written
 * on every button of a list. Applied after `@property` (listed before it), so Lit's accessor is replaced by this
 * one, which asks for the update itself.
 */
export function withDefault(fallback: unknown) {
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
