import { join } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'

// Every laid-out target (each hidden suite beside the solution, the starter or a decoy it judges) type-checks with
// the project's strict settings (tsconfig.exercises.json), so a suite never relies on something the contract does
// not say. `npm test` lays the targets out first; `npm run typecheck` stays free of that step and writes nothing.
const root = join(import.meta.dirname, '../..')

it('type-checks every hidden suite against the code it judges', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.exercises.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('tsconfig.exercises.json could not be read')
  expect(config.fileNames.length, 'no laid-out targets: run scripts/prepare-tests.ts first').toBeGreaterThan(
    0,
  )
  const program = ts.createProgram(config.fileNames, config.options)
  const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file || diagnostic.start === undefined) return message
    const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    return `${diagnostic.file.fileName.slice(root.length + 1)}:${at.line + 1}:${at.character + 1} ${message}`
  })
  expect(problems).toEqual([])
}, 120_000)
