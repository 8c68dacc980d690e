// Reads a Chrome trace (Playwright's browser.startTracing): main-thread long tasks, and per-thread CPU time by
// function from the sampling profiler's Profile/ProfileChunk events.

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  id?: string
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> }
}

interface ProfileNode {
  id: number
  parent?: number
  callFrame: { functionName: string; url: string }
}

/** CPU samples of one thread. */
export interface ThreadProfile {
  readonly thread: string
  readonly pid: number
  readonly nodes: Map<number, { parent?: number; name: string }>
  /** Sample times in trace microseconds, with the leaf node. */
  readonly samples: { t: number; node: number }[]
}

const fileOf = (url: string | undefined) => url?.split('/').pop() ?? ''

/** Per-thread CPU profiles in `events`. */
export function threadProfiles(events: readonly TraceEvent[]): ThreadProfile[] {
  const threadNames = new Map<string, string>()
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name')
      threadNames.set(`${event.pid}:${event.tid}`, String(event.args?.name))
  const profiles = new Map<string, ThreadProfile & { time: number }>()
  for (const event of events) {
    const key = `${event.pid}:${event.id}`
    const data = event.args?.data as
      | {
          startTime?: number
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }
          timeDeltas?: number[]
        }
      | undefined
    if (event.name === 'Profile') {
      const thread = threadNames.get(`${event.pid}:${event.tid}`) ?? '?'
      profiles.set(key, { thread, pid: event.pid, nodes: new Map(), samples: [], time: data?.startTime ?? 0 })
    } else if (event.name === 'ProfileChunk') {
      const profile = profiles.get(key)
      if (!profile) continue
      for (const node of data?.cpuProfile?.nodes ?? []) {
        const name = `${node.callFrame.functionName || '(anonymous)'} ${fileOf(node.callFrame.url)}`.trim()
        profile.nodes.set(node.id, { ...(node.parent !== undefined ? { parent: node.parent } : {}), name })
      }
      const samples = data?.cpuProfile?.samples ?? []
      samples.forEach((node, index) => {
        profile.time += data?.timeDeltas?.[index] ?? 0
        profile.samples.push({ t: profile.time, node })
      })
    }
  }
  return [...profiles.values()]
}

/** Busy time and the functions with the most inclusive time between `from` and `to` (trace µs). */
export function topFunctions(profile: ThreadProfile, from: number, to: number, count = 20): string {
  const inclusive = new Map<string, number>()
  let busy = 0
  profile.samples.forEach((sample, index) => {
    const next = profile.samples[index + 1]
    if (!next || sample.t < from || sample.t > to) return
    const leaf = profile.nodes.get(sample.node)
    if (!leaf || leaf.name === '(idle)') return
    const ms = (next.t - sample.t) / 1000
    busy += ms
    const seen = new Set<string>()
    for (let id: number | undefined = sample.node; id !== undefined; id = profile.nodes.get(id)?.parent) {
      const name = profile.nodes.get(id)?.name ?? ''
      if (name === '(root)' || seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms)
    }
  })
  const lines = [...inclusive]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`)
  return [`busy ${busy.toFixed(1)} ms; inclusive time by function:`, ...lines].join('\n')
}

/** Main-thread tasks of `pid` longer than `minMs` after `from`, each with its largest inner events. */
export function longTasks(events: readonly TraceEvent[], pid: number, from: number, minMs = 8): string {
  const threadNames = new Map<string, string>()
  for (const event of events)
    if (event.ph === 'M' && event.name === 'thread_name')
      threadNames.set(`${event.pid}:${event.tid}`, String(event.args?.name))
  const main = events
    .filter(
      (event) =>
        event.ph === 'X' &&
        event.pid === pid &&
        event.ts >= from &&
        threadNames.get(`${event.pid}:${event.tid}`) === 'CrRendererMain',
    )
    .sort((a, b) => a.ts - b.ts)
  return main
    .filter((task) => task.name === 'RunTask' && (task.dur ?? 0) > minMs * 1000)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0)
      const inner = main
        .filter(
          (event) => event !== task && event.name !== 'RunTask' && event.ts >= task.ts && event.ts < end,
        )
        .filter((event) => (event.dur ?? 0) > 3000)
        .slice(0, 4)
        .map((event) => {
          const url = typeof event.args?.data?.url === 'string' ? `(${fileOf(event.args.data.url)})` : ''
          return `${event.name}${url} ${((event.dur ?? 0) / 1000).toFixed(0)}`
        })
      const at = ((task.ts - from) / 1000).toFixed(0).padStart(6)
      return `${at} ms  +${((task.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms  ${inner.join(' | ')}`
    })
    .join('\n')
}

/** The navigation start of the first http(s) document in the trace, to measure from. */
export function navigationStart(events: readonly TraceEvent[]): { pid: number; ts: number } | undefined {
  const navigation = events.find(
    (event) =>
      event.name === 'navigationStart' &&
      String((event.args?.data as { documentLoaderURL?: string } | undefined)?.documentLoaderURL).startsWith(
        'http',
      ),
  )
  return navigation ? { pid: navigation.pid, ts: navigation.ts } : undefined
}

export type { TraceEvent }
