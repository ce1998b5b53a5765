/**
 * Resolves on a later turn of the event loop, after pending I/O: long synchronous work (indexing,
 * server rendering of a long list) awaits it between slices so that other requests are not kept
 * waiting behind the whole of it.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
