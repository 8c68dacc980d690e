/**
 * `load` called once and its result kept, for content fetched on first use: a call while it is loading shares
 * that load, and a rejection is forgotten, so the next call tries again (offline before the chunk was cached).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }
}
