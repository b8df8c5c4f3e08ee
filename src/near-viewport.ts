/**
 * Runs a callback once an element comes within half a viewport of the screen, with one
 * IntersectionObserver for the whole page: off-screen buttons of a long list put work off until then.
 */
const callbacks = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | undefined;

/** Whether this browser can tell (without IntersectionObserver, work is done at once). */
export const canWatchViewport = (): boolean => typeof globalThis.IntersectionObserver === 'function';

export function whenNearViewport(element: Element, callback: () => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        stopWatching(target);
        callbacks.get(target)?.();
        callbacks.delete(target);
      }
    },
    { rootMargin: '50% 0px' },
  );
  callbacks.set(element, callback);
  observer.observe(element);
}

export function stopWatching(element: Element): void {
  observer?.unobserve(element);
}
