/**
 * A module loaded at its first use and kept: `await import()` of a module
 * already loaded still goes through the module loader, about a tenth of a
 * millisecond each time, and the pipeline asks for its stages once per
 * document.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
