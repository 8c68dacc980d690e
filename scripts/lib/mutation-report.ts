/** Reads Stryker's JSON report (mutation-testing-report-schema) into a score and the mutants that survived. */

/** One mutant the suite did not kill, located in its file. */
export interface Survivor {
  readonly file: string
  readonly line: number
  readonly mutator: string
  /** The code Stryker put in place of the original. */
  readonly replacement: string
  /** `Survived`: tests ran and passed; `NoCoverage`: no test ran that code. */
  readonly status: 'Survived' | 'NoCoverage'
}

/** One exercise's mutation result. */
export interface MutationScore {
  readonly exerciseId: string
  readonly killed: number
  readonly timedOut: number
  readonly survived: number
  readonly noCoverage: number
  /** Mutants that did not compile or crashed the run; not counted in the score, as Stryker does. */
  readonly invalid: number
  /** (killed + timed out) / (killed + timed out + survived + no coverage), in percent. */
  readonly score: number
  readonly survivors: readonly Survivor[]
  /** Wall time of the Stryker run, in ms. */
  readonly durationMs: number
}

interface ReportMutant {
  mutatorName: string
  replacement?: string
  status: string
  location: { start: { line: number; column: number } }
}

/** Stryker's JSON report, as far as this file reads it. */
export interface StrykerReport {
  files: Record<string, { mutants: ReportMutant[] }>
}

/** Counts a report's mutants by outcome and lists the survivors in file and line order. */
export function summariseMutationReport(
  exerciseId: string,
  report: StrykerReport,
  durationMs: number,
): MutationScore {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, invalid: 0 }
  const survivors: Survivor[] = []
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if (mutant.status in count) count[mutant.status as keyof typeof count]++
      else count.invalid++
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        survivors.push({
          file,
          line: mutant.location.start.line,
          mutator: mutant.mutatorName,
          replacement: mutant.replacement ?? '',
          status: mutant.status,
        })
      }
    }
  }
  survivors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
  const detected = count.Killed + count.Timeout
  const valid = detected + count.Survived + count.NoCoverage
  return {
    exerciseId,
    killed: count.Killed,
    timedOut: count.Timeout,
    survived: count.Survived,
    noCoverage: count.NoCoverage,
    invalid: count.invalid,
    score: valid === 0 ? 0 : (100 * detected) / valid,
    survivors,
    durationMs,
  }
}

/** A survivor as one line: `SimpleJWT.ts:50 ConditionalExpression -> false (survived)`. */
export function describeSurvivor(survivor: Survivor): string {
  const replacement = survivor.replacement.replace(/\s+/g, ' ').slice(0, 60)
  const status = survivor.status === 'NoCoverage' ? 'no test reaches it' : 'survived'
  return `${survivor.file}:${survivor.line} ${survivor.mutator} -> ${replacement} (${status})`
}

/** The per-exercise table: mutants by outcome, the score against `target`, and the time taken. */
export function renderMutationTable(scores: readonly MutationScore[], target: number): string {
  const header = ['exercise', 'killed', 'timeout', 'survived', 'no cover', 'score', 'time']
  const rows = scores.map((s) => [
    s.exerciseId,
    String(s.killed),
    String(s.timedOut),
    String(s.survived),
    String(s.noCoverage),
    `${s.score >= target ? '✓' : '✗'} ${s.score.toFixed(1)}%`,
    `${(s.durationMs / 1000).toFixed(0)} s`,
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}
