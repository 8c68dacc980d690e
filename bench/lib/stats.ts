/** A timing or size measured several times: the median with its spread and every sample, in `unit`. */
export interface Summary {
  readonly median: number
  readonly min: number
  readonly max: number
  readonly n: number
  readonly samples: readonly number[]
}

const round = (value: number) => Math.round(value * 10) / 10

/** Median (mean of the middle two for an even count), min and max of `samples`; throws on none. */
export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarise: no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median =
    sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return {
    median: round(median),
    min: round(sorted[0] ?? 0),
    max: round(sorted[sorted.length - 1] ?? 0),
    n: samples.length,
    samples: samples.map(round),
  }
}
