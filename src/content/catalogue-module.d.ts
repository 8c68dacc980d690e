declare module 'virtual:authlab/catalogue' {
  /** The long texts of `course`, each once. */
  export const texts: readonly string[]
  /**
   * The catalogue validated at build time, without the hidden suites and the lessons,
   * each long text replaced by a reference into `texts` (restored and typed in bundled-catalogue.ts: an ambient
   * module cannot import relative paths).
   */
  export const course: unknown
  /** Per exercise id, per suite file name, a loader of that file's text (a chunk of its own). */
  export const suites: Readonly<Record<string, Readonly<Record<string, () => Promise<string>>>>>
  /** Per exercise id, a loader of its lesson's markdown (a chunk of its own). */
  export const lessons: Readonly<Record<string, () => Promise<string>>>
}
