/** The global scope a run happens in: a worker's `self`, or a window in tests. */
export interface SandboxScope {
  readonly console: Console
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void
  removeEventListener(type: 'error' | 'unhandledrejection', listener: (event: Event) => void): void
}

/**
 * Calls `report` with every uncaught exception and unhandled rejection in `scope` until the returned function
 * is called. Each is marked handled, so a worker does not also raise it as an `error` on the page.
 */
export function watchUnhandled(scope: SandboxScope, report: (value: unknown) => void): () => void {
  const onError = (event: Event) => {
    event.preventDefault()
    const errorEvent = event as ErrorEvent
    report(errorEvent.error ?? errorEvent.message)
  }
  const onRejection = (event: Event) => {
    event.preventDefault()
    report((event as PromiseRejectionEvent).reason)
  }
  scope.addEventListener('error', onError)
  scope.addEventListener('unhandledrejection', onRejection)
  return () => {
    scope.removeEventListener('error', onError)
    scope.removeEventListener('unhandledrejection', onRejection)
  }
}
