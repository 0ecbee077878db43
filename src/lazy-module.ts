/**
 * A module loaded at its first use and kept: `await import()` of a module
 * already loaded still goes through the module loader (0.1 to 0.2 ms a call
 * under a profiler), and a parse asks for its entry module and ingester at
 * every document. A load that fails is not kept: the next call tries again.
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
