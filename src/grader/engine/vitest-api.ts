import * as expectModule from '@vitest/expect'
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  chai,
  customMatchers,
  type ExpectStatic,
  GLOBAL_EXPECT,
  getState,
  JEST_MATCHERS_OBJECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  type MatcherState,
  setState,
} from '@vitest/expect'
import {
  afterAll,
  afterEach,
  aroundAll,
  aroundEach,
  beforeAll,
  beforeEach,
  describe,
  getCurrentTest,
  it,
  onTestFailed,
  onTestFinished,
  suite,
  type Test,
  test,
} from '@vitest/runner'
import { clearAllMocks, fn, isMockFunction, resetAllMocks, restoreAllMocks, spyOn } from '@vitest/spy'

// same plugin order as Vitest's own expect; chai.use ignores a plugin it already has
chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(ChaiStyleAssertions)
chai.use(JestAsymmetricMatchers)

// chai prints a DOMException as `DOMException{ stack: 'InvalidCharact…' }`: its name and message are prototype
// getters it does not read. Once per realm, before hardening freezes the prototype.
const chaiInspect = Symbol.for('chai/inspect')
if (typeof DOMException === 'function' && !Object.hasOwn(DOMException.prototype, chaiInspect)) {
  Object.defineProperty(DOMException.prototype, chaiInspect, {
    value: function inspect(this: DOMException) {
      return `${this.name}: ${this.message}`
    },
  })
}

type Expect = ExpectStatic & {
  assertions(expected: number): void
  hasAssertions(): void
}

const freshState: Partial<MatcherState> = {
  assertionCalls: 0,
  isExpectingAssertions: false,
  isExpectingAssertionsError: null,
  expectedAssertionsNumber: null,
  expectedAssertionsNumberErrorGen: null,
}

// custom matchers (toSatisfy, toBeOneOf...) go onto chai's shared Assertion.prototype once per realm: after
// `sealVitestApi` that prototype is frozen, so later expects only copy their asymmetric forms
let matchersInstalled = false
let sealed = false

/** An `expect` like Vitest's: counts assertions, ties async assertions to the running test, has `.assertions()`. */
export function createExpect(boundTest?: Test): Expect {
  const expect = ((actual: unknown, message?: string) => {
    const { assertionCalls } = getState(expect)
    setState({ assertionCalls: assertionCalls + 1 }, expect)
    const assertion = chai.expect(actual, message) as unknown as { withTest(test: Test): unknown }
    const current = boundTest ?? getCurrentTest<Test | undefined>()
    return current ? assertion.withTest(current) : assertion
  }) as Expect
  Object.assign(expect, chai.expect)
  Object.assign(expect, (globalThis as Record<symbol, object>)[ASYMMETRIC_MATCHERS_OBJECT])
  // chai keeps per-object state in `__flags`; Object.assign copied chai.expect's (frozen once sealed)
  ;(expect as unknown as { __flags: object }).__flags = Object.create(null)
  expect.getState = () => getState(expect)
  expect.setState = (state) => setState(state, expect)
  setState({ ...freshState, currentTestName: boundTest?.fullTestName ?? '' }, expect)
  expect.extend = (matchers) => {
    if (sealed)
      throw new Error(
        'expect.extend is not available in the in-browser grader: matchers are fixed before learner code loads',
      )
    ;(chai.expect as unknown as { extend: (e: Expect, m: object) => void }).extend(expect, matchers)
  }
  // members whose declared types differ between @vitest/expect and vitest's augmentation of it
  const extra = expect as unknown as Record<string, unknown>
  extra.soft = (actual: unknown, message?: string) =>
    (expect(actual, message) as unknown as { withContext(context: object): unknown }).withContext({
      soft: true,
    })
  extra.unreachable = (message?: string) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`)
  }
  extra.poll = () => {
    throw new Error('expect.poll is not available in the in-browser grader; use await and plain expect')
  }
  extra.addEqualityTesters = () => {
    throw new Error('expect.addEqualityTesters is not available in the in-browser grader')
  }
  chai.util.addMethod(expect, 'assertions', function assertions(expected: number) {
    const errorGen = () =>
      new Error(`expected number of assertions to be ${expected}, but got ${getState(expect).assertionCalls}`)
    setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen }, expect)
  })
  chai.util.addMethod(expect, 'hasAssertions', function hasAssertions() {
    const error = new Error('expected any number of assertion, but got none')
    setState({ isExpectingAssertions: true, isExpectingAssertionsError: error }, expect)
  })
  if (!matchersInstalled) {
    expect.extend(customMatchers)
    matchersInstalled = true
  }
  return expect
}

/** Resets the assertion count before a test body runs (Vitest does this in `onBeforeTryTask`). */
export function resetAssertionState(expect: Expect, test: Test): void {
  setState({ ...freshState, currentTestName: test.fullTestName }, expect)
}

/** Throws what Vitest throws after a test body when `expect.assertions(n)` / `hasAssertions()` were not met. */
export function checkAssertionState(expect: Expect): void {
  const state = getState(expect)
  if (state.expectedAssertionsNumber != null && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen?.()
  }
  if (state.isExpectingAssertions === true && state.assertionCalls === 0)
    throw state.isExpectingAssertionsError
}

const viFunctions = { fn, spyOn, isMockFunction, clearAllMocks, resetAllMocks, restoreAllMocks }

/** `vi` with the mock helpers of @vitest/spy; anything else (timers, module mocks) fails with a clear message. */
function createVi(): object {
  const vi = { ...viFunctions, mocked: <T>(value: T) => value }
  return new Proxy(vi, {
    get(target, key, receiver) {
      if (key in target || typeof key !== 'string' || key === 'then')
        return Reflect.get(target, key, receiver)
      return () => {
        throw new Error(
          `vi.${key}() is not available in the in-browser grader (available: ${Object.keys(target).join(', ')})`,
        )
      }
    },
  })
}

/** What the `vitest` shim module exports, plus the run's `expect` for the host runner. */
export interface VitestApi {
  readonly expect: Expect
  readonly namespace: Readonly<Record<string, unknown>>
}

/** The `vitest` module a suite sees: the runner's collectors and hooks, a fresh `expect`, a `vi` of spies. */
export function createVitestApi(): VitestApi {
  const expect = createExpect()
  // the run's expect is never global: learner code holding it could count assertions or read its state
  if (!Object.hasOwn(globalThis, GLOBAL_EXPECT)) {
    Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: createExpect(), configurable: true })
  }
  const namespace = {
    describe,
    suite,
    it,
    test,
    beforeAll,
    afterAll,
    beforeEach,
    afterEach,
    aroundAll,
    aroundEach,
    onTestFailed,
    onTestFinished,
    expect,
    assert: chai.assert,
    vi: createVi(),
  }
  return { expect, namespace }
}

type Freeze = (roots: readonly unknown[]) => void

/**
 * Makes the assertion library immutable before learner code loads: chai (Assertion.prototype holds every
 * matcher), @vitest/expect's classes and the global registries it keeps under `Symbol.for` keys (custom
 * equality testers, matchers, asymmetric matchers), which learner code could otherwise reach by name. The run's
 * `expect` stays private to the `vitest` shim; the global one is an inert stand-in.
 */
export function sealVitestApi(freeze: Freeze): void {
  if (sealed) return
  const standIn = createExpect()
  const registry = globalThis as unknown as Record<symbol, unknown>
  Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: standIn, writable: false, configurable: false })
  const jest = registry[JEST_MATCHERS_OBJECT] as { matchers: object; customEqualityTesters: unknown[] }
  const asymmetric = registry[ASYMMETRIC_MATCHERS_OBJECT] as Record<string, (...sample: unknown[]) => object>
  // custom asymmetric matchers are classes made inside expect.extend; an instance leads to their prototypes
  const instances = Object.values(asymmetric).map((factory) => factory(() => true))
  freeze([chai, expectModule, jest.matchers, jest.customEqualityTesters, asymmetric, instances, standIn])
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, JEST_MATCHERS_OBJECT)
  if (descriptor?.configurable)
    Object.defineProperty(globalThis, JEST_MATCHERS_OBJECT, { configurable: false })
  sealed = true
}

export type { Expect }
