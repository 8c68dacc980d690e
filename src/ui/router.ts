/** Reads the exercise id from a deep link such as `#/simple-jwt` (or `#/simple-jwt?share=...`); undefined for the home link. */
export function exerciseIdFromHash(hash: string): string | undefined {
  const id = decodeURIComponent(hash.replace(/^#\/?/, '').replace(/\?.*$/, '')).trim()
  return id === '' ? undefined : id
}

/** Calls `onRoute` now and on every hash change with the exercise id the address names. */
export function watchRoute(onRoute: (exerciseId: string | undefined) => void): void {
  window.addEventListener('hashchange', () => onRoute(exerciseIdFromHash(location.hash)))
  onRoute(exerciseIdFromHash(location.hash))
}
