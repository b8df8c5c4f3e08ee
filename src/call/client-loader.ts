/**
 * What a click needs (the call controller, its lifecycle, the API client and ky) loads on the first
 * sign of intent, not with the page: a pointer or the focus reaching any button (one listener for the
 * page), or a click. A list of buttons that is only looked at never pays for it.
 */
type ClientModule = typeof import('./call-controller.js');

let clientModule: Promise<ClientModule | undefined> | undefined;
let listeningForIntent = false;

/** The client module, or `undefined` if it could not be loaded (the next call tries again). */
export function loadClient(): Promise<ClientModule | undefined> {
  return (clientModule ??= import('./call-controller.js').catch(() => {
    clientModule = undefined;
    return undefined;
  }));
}

/** Starts loading the client when a pointer or the focus reaches an element matching `selector`. */
export function loadClientOnIntent(selector: string): void {
  if (listeningForIntent) return;
  listeningForIntent = true;
  const onIntent = (event: Event) => {
    if ((event.target as Element | null)?.closest?.(selector)) void loadClient();
  };
  document.addEventListener('pointerover', onIntent, { passive: true });
  document.addEventListener('focusin', onIntent);
}
