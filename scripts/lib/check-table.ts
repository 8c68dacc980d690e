import { type CheckCell, checks, type ExerciseRow } from './check-rows'

const mark = (entry: CheckCell) => (entry.ok === true ? '✓' : entry.ok === false ? '✗' : '–')
const maxWidth = 34

function clip(text: string): string {
  return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text
}

/**
 * The exercise × check table of `npm run exercise:check`: one row per exercise, each cell a mark and a short
 * reason, followed by every problem of the failed cells in full (one line each).
 */
export function renderCheckTable(rows: readonly ExerciseRow[]): string {
  const header = ['exercise', ...checks.map((check) => check.title)]
  const body = rows.map((row) => [
    row.exerciseId,
    ...checks.map((check) => clip(`${mark(row.cells[check.id])} ${row.cells[check.id].summary}`)),
  ])
  const widths = header.map((title, i) =>
    Math.max(title.length, ...body.map((cells) => cells[i]?.length ?? 0)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join(' │ ')
      .trimEnd()
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─')
  const details = rows.flatMap((row) =>
    checks.flatMap((check) =>
      row.cells[check.id].problems.map((problem) => `✗ ${row.exerciseId} · ${check.title}: ${problem}`),
    ),
  )
  return [line(header), rule, ...body.map(line), ...(details.length > 0 ? ['', ...details] : [])].join('\n')
}
