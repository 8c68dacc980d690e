/**
 * The one timing policy of every sandbox (the grader's and the playground's). Each figure was measured in
 * Chromium here; see src/grader/SECURITY.md.
 */
export const sandboxTiming = {
  /**
   * A run whose worker sends no heartbeat for this long is stopped as `unresponsive`: a loop filling memory
   * with large arrays reaches V8's heap limit, which can end the whole tab, in about 2 s, so 1 s stops it first.
   */
  unresponsiveAfterMs: 1_000,
  /**
   * How long after terminating an unresponsive worker its run is reported. Chromium lets a busy worker run on
   * for ~2 s after `terminate()`; until then it may still fill memory, so the run counts as in progress (the app
   * keeps its running mark, and no new run starts beside it).
   */
  terminationGraceMs: 2_500,
  /** A worker that has not said `ready` by then is reported as crashed (a cold load on a busy machine is slow). */
  startupTimeoutMs: 15_000,
  /** How often a sandbox worker beats to the watchdog during a run. */
  beatIntervalMs: 100,
  /** How often the watchdog looks for silent workers. */
  watchdogCheckMs: 50,
} as const
