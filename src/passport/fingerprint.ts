// Suite fingerprints: SHA-256 of each exercise's hidden suite text, so a passport says which tests it was made with.

/** What a fingerprint is taken of: an exercise id and its hidden suite files by name, fetched on demand. */
export interface SuiteSource {
  readonly id: string
  readonly suite: () => Promise<Readonly<Record<string, string>>>
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('')

/** `sha256:<hex>` of one suite: its files in name order, each as name, NUL, text, NUL. */
export async function suiteFingerprint(suite: Readonly<Record<string, string>>): Promise<string> {
  const text = Object.keys(suite)
    .sort()
    .map((name) => `${name}\0${suite[name]}\0`)
    .join('')
  return `sha256:${hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))}`
}

/** Fingerprints of every exercise's suite, keyed by exercise id. */
export async function suiteFingerprints(exercises: readonly SuiteSource[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    exercises.map(async (exercise) => [exercise.id, await suiteFingerprint(await exercise.suite())] as const),
  )
  return Object.fromEntries(entries)
}
