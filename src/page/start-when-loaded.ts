/**
 * Starts a feature whose code is a lazy chunk (the page scan, the tel: link upgrade) once that chunk has loaded, unless
 * it was stopped before: stopped while the chunk loads, the feature never starts and never touches the page.
 * Returns the function that stops it. A chunk that fails to load fails where it is imported, visibly.
 */
export function startWhenLoaded<T>(loading: Promise<T>, start: (loaded: T) => () => void): () => void {
  let stopped = false;
  const started = loading.then((loaded) => (stopped ? undefined : start(loaded)));
  return () => {
    stopped = true;
    void started.then((stop) => stop?.());
  };
}
