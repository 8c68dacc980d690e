// Internal helpers for issuing several IndexedDB requests so that every failure is observed exactly once.

type Results<T extends readonly (() => unknown)[]> = {
  -readonly [K in keyof T]: T[K] extends () => infer R ? Awaited<R> : never
}

/**
 * Starts every request and waits for all of them. A request that throws while starting (`DataError`,
 * `DataCloneError`) rejects like the others, so requests started before it are not left unobserved.
 */
export function startAll<const T extends readonly (() => unknown)[]>(starts: T): Promise<Results<T>> {
  return Promise.all(starts.map(async (start) => start())) as Promise<Results<T>>
}

/**
 * Runs `work` in `tx` and waits for the commit too, so a failed commit (e.g. `QuotaExceededError`) rejects.
 * If `work` fails, the transaction is aborted so none of its writes land, and `work`'s error is the one thrown.
 */
export async function committed<T>(
  tx: { readonly done: Promise<void>; abort(): void },
  work: () => Promise<T>,
): Promise<T> {
  const result = work().catch((error: unknown) => {
    try {
      tx.abort()
    } catch {
      // a failed request already aborted it
    }
    throw error
  })
  const [value] = await Promise.all([result, tx.done])
  return value
}
