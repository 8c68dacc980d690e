import { typeLibraryFiles } from './learner-typescript'

// Type declarations of the packages an exercise may import, so the editor knows `idb` the way tsc does.
const idbTypes = import.meta.glob<string>('/node_modules/idb/build/*.d.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
})

// The part of the Vitest API the visible examples use, loosely typed: enough for the read-only examples tab to
// show no false errors and to hover into the learner's code. Learner files are not meant to import it.
const vitestTypes = `type Awaitable<T> = T | PromiseLike<T>
export interface TestFunction {
  (name: string, fn?: () => Awaitable<unknown>, timeout?: number): void
  skip: TestFunction
  only: TestFunction
  todo(name: string): void
}
export interface Assertion {
  not: Assertion
  resolves: Assertion
  rejects: Assertion
  [matcher: string]: any
}
export interface ExpectStatic {
  <T>(actual: T, message?: string): Assertion
  assertions(count: number): void
  hasAssertions(): void
  [helper: string]: any
}
export const expect: ExpectStatic
export const it: TestFunction
export const test: TestFunction
export const describe: TestFunction
export function beforeAll(fn: () => Awaitable<unknown>): void
export function afterAll(fn: () => Awaitable<unknown>): void
export function beforeEach(fn: () => Awaitable<unknown>): void
export function afterEach(fn: () => Awaitable<unknown>): void
export const vi: any
`

/** Declaration files keyed by the virtual URI the TypeScript worker resolves `import ... from 'idb'` to. */
export const typeLibraries: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    Object.entries(typeLibraryFiles(idbTypes)).map(([path, text]) => [`file://${path}`, text]),
  ),
  'file:///node_modules/vitest/index.d.ts': vitestTypes,
}
