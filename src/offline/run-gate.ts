// Whether a learner run is under way, and a promise for its end: an update waits for it before reloading.

/** Tracks learner runs so code is never swapped under one. */
export interface RunGate {
  /** True from the start of a run until its outcome is shown. */
  readonly running: boolean
  /** Called by the page when a run starts (`true`) and ends (`false`). */
  set(running: boolean): void
  /** Resolves at once when no run is under way, else when the current one ends. */
  idle(): Promise<void>
}

/** A gate with no run under way. */
export function createRunGate(): RunGate {
  let running = false
  let waiting: (() => void)[] = []
  return {
    get running() {
      return running
    },
    set(next) {
      running = next
      if (running) return
      const resolve = waiting
      waiting = []
      for (const done of resolve) done()
    },
    idle() {
      if (!running) return Promise.resolve()
      return new Promise((resolve) => waiting.push(resolve))
    },
  }
}
