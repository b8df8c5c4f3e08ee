/**
 * Tells an element once it comes within half a viewport of the screen, with one IntersectionObserver
 * for the whole page: off-screen buttons of a long list put work off until then. The element is told
 * through its own method, so that watching it costs no closure and no map entry of its own.
 */
export interface NearViewportWatcher extends Element {
  /** Called once, the first time the element comes near the viewport after `whenNearViewport`. */
  nearViewport(): void;
}

let observer: IntersectionObserver | undefined;

/** Whether this browser can tell (without IntersectionObserver, work is done at once). */
export const canWatchViewport = (): boolean => typeof globalThis.IntersectionObserver === 'function';

export function whenNearViewport(element: NearViewportWatcher): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        observer?.unobserve(target);
        (target as NearViewportWatcher).nearViewport();
      }
    },
    { rootMargin: '50% 0px' },
  );
  observer.observe(element);
}

export function stopWatching(element: Element): void {
  observer?.unobserve(element);
}
