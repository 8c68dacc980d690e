/**
 * Reads the exercise id from a deep link such as `#/simple-jwt` (or `#/simple-jwt?share=...`); undefined for the
 * home link. A malformed escape (`#/%`) is kept as written, an id no exercise has, rather than an exception
 * that would stop the page from starting.
 */
export function exerciseIdFromHash(hash: string): string | undefined {
  const written = hash.replace(/^#\/?/, '').replace(/\?.*$/, '')
  let id: string
  try {
    id = decodeURIComponent(written).trim()
  } catch {
    id = written.trim()
  }
  return id === '' ? undefined : id
}

/** Calls `onRoute` now and on every hash change with the exercise id the address names. */
export function watchRoute(onRoute: (exerciseId: string | undefined) => void): void {
  window.addEventListener('hashchange', () => onRoute(exerciseIdFromHash(location.hash)))
  onRoute(exerciseIdFromHash(location.hash))
}
