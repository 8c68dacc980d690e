import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { timedInBrowser } from '../support/timed-tests'

const root = join(import.meta.dirname, '../..')

// a test that subtracts a clock reading is timing something; beside other browsers it would time the machine
const timesSomething = /(performance|Date)\.now\(\)\s*-/

it('runs every browser test that times something alone, after the rest (tests/support/timed-tests.ts)', () => {
  const browserTests = readdirSync(join(root, 'tests/browser'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `tests/browser/${name}`)
  const timing = browserTests.filter((path) => timesSomething.test(readFileSync(join(root, path), 'utf8')))
  expect(timing.filter((path) => !timedInBrowser.includes(path))).toEqual([])
  expect(timedInBrowser.filter((path) => !browserTests.includes(path))).toEqual([])
})
