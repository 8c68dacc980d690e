// The lesson controller with fakes around it (editor, grader, views) and the in-memory store: what a learner
// would notice of opening, running, resetting and carrying files across chapters, without the whole page.
import { describe, expect, test } from 'vitest'
import type { Exercise } from '../../src/content/catalogue'
import { manifestSchema } from '../../src/content/manifest-schema'
import type { ExerciseVerdict } from '../../src/content/verdict'
import type { TypeProblem, WorkspaceFile } from '../../src/editor/workspace'
import type { RunInput, RunOutcome } from '../../src/grader/client'
import type { TestResult, TestState } from '../../src/grader/protocol'
import type { CarriedStanding } from '../../src/lesson/carried-status'
import {
  createLessonController,
  type LessonViews,
  type LessonWorkspace,
  type WayOn,
} from '../../src/lesson/controller'
import type { LessonFile } from '../../src/lesson/lesson-files'
import { createMemoryStore, type RunSummary } from '../../src/storage'

type Role = 'editable' | 'provided' | 'carried'

function exercise(
  id: string,
  order: number,
  chapter: number,
  files: { path: string; role: Role; from?: string; initial: string; reference?: string }[],
): Exercise {
  const manifest = manifestSchema.parse({
    id,
    title: `Title of ${id}`,
    summary: 'An exercise.',
    order,
    chapter: { number: chapter, title: `Chapter ${chapter}` },
    files: files.map(({ path, role, from }) => ({ path, role, ...(from ? { from } : {}) })),
    suite: [`${id}.test.ts`],
    hints: ['first hint', 'second hint'],
    timeBudgetMs: 5000,
  })
  const suite = { [`${id}.test.ts`]: 'suite' }
  return {
    id,
    manifest,
    lesson: async () => `# ${id}`,
    files,
    suite: async () => suite,
    examples: {},
  }
}

const hashing = exercise('hashing', 1, 1, [{ path: 'Hash.ts', role: 'editable', initial: '// hash starter' }])
const tokens = exercise('tokens', 2, 1, [
  { path: 'Token.ts', role: 'editable', initial: '// token starter' },
  { path: 'Hash.ts', role: 'carried', from: 'hashing', initial: '// hash starter' },
])
const harden = exercise('harden', 3, 2, [
  { path: 'Throttle.ts', role: 'editable', initial: '// throttle starter' },
  { path: 'Store.ts', role: 'provided', initial: '// provided store' },
  {
    path: 'Hash.ts',
    role: 'carried',
    from: 'hashing',
    initial: '// hash starter',
    reference: '// hash reference',
  },
])
const exercises = [hashing, tokens, harden]

const result = (name: string, state: TestState): TestResult => ({
  id: name,
  name,
  state,
  durationMs: 1,
  console: [],
})

function outcome(...states: TestState[]): RunOutcome {
  const tests = states.map((state, index) => result(`test ${index}`, state))
  const count = (state: TestState) => states.filter((candidate) => candidate === state).length
  return {
    status: 'done',
    result: {
      tests,
      errors: [],
      console: [],
      totals: { passed: count('pass'), failed: count('fail'), skipped: count('skip'), total: states.length },
      durationMs: 5,
    },
  }
}

const diagnostic = (path: string, severity: TypeProblem['severity'] = 'error'): TypeProblem => ({
  path,
  line: 2,
  column: 5,
  message: "Type 'string' is not assignable to type 'number'.",
  severity,
})

/** A controller with recorded views, a scripted grader and an editor that holds plain strings. */
function setUp() {
  // one clock for drafts and results, moved by hand, so "edited after its last run" is decided by the test
  let clock = 1_000
  const store = createMemoryStore({ now: () => clock })
  const shown: {
    files: readonly LessonFile[]
    carried: readonly CarriedStanding[]
    progress: Readonly<Record<string, string>>
    idle: (RunSummary | undefined)[]
    outcomes: { outcome: RunOutcome; verdict: ExerciseVerdict; wayOn: WayOn | undefined }[]
    examples: { outcome: RunOutcome; verdict: ExerciseVerdict }[]
    hints: number[]
    running: boolean[]
    warnings: unknown[]
    exercise?: Exercise
  } = {
    files: [],
    carried: [],
    progress: {},
    idle: [],
    outcomes: [],
    examples: [],
    hints: [],
    running: [],
    warnings: [],
  }
  let confirm = true
  let undo: (() => Promise<void>) | undefined
  const views: LessonViews = {
    showExercise: (opened) => {
      shown.exercise = opened
    },
    showHints: (_, revealed) => void shown.hints.push(revealed),
    showFiles: (files) => {
      shown.files = files
    },
    showCarried: (standings) => {
      shown.carried = standings
    },
    showProgress: (_, progress) => {
      shown.progress = progress
    },
    showIdle: (saved) => void shown.idle.push(saved),
    showRunning: () => {},
    showOutcome: (ran, verdict, wayOn) => void shown.outcomes.push({ outcome: ran, verdict, wayOn }),
    showExamplesRunning: () => {},
    showExamplesOutcome: (ran, verdict) => void shown.examples.push({ outcome: ran, verdict }),
    setRunning: (running) => void shown.running.push(running),
    confirmReset: async () => confirm,
    offerUndo: (run) => {
      undo = run
    },
    warn: (error) => void shown.warnings.push(error),
    showOtherTabs: () => {},
    showReplaced: () => {},
  }

  const open = new Map<string, string>()
  let openedId = ''
  let diagnostics: TypeProblem[] | Error = []
  const workspace: LessonWorkspace & { opened: () => string } = {
    open(id, files: readonly WorkspaceFile[]) {
      openedId = id
      open.clear()
      for (const file of files) open.set(file.path, file.content)
    },
    get activePath() {
      return open.keys().next().value
    },
    contents: () => Object.fromEntries(open),
    replace: (path, content) => void open.set(path, content),
    follow: (path, content) => void open.set(path, content),
    typeCheck: async () => {
      if (diagnostics instanceof Error) throw diagnostics
      return diagnostics
    },
    typeProblems: () => [diagnostic('Hash.ts')],
    opened: () => openedId,
  }

  const runs: RunInput[] = []
  const planned: RunOutcome[] = []
  const foreseen: RunInput['suite'][] = []
  const grader = {
    async run(input: RunInput) {
      runs.push(input)
      return planned.shift() ?? outcome('pass')
    },
    foresee: (suite: RunInput['suite']) => void foreseen.push(suite),
  }
  const saved: { id: string; path: string; content: string }[] = []
  const saver = {
    opened: () => {},
    remote: () => true,
    onOverwrite: () => () => {},
    onSaved: () => () => {},
    update: (id: string, path: string, content: string) => void saved.push({ id, path, content }),
    flush: async () => {
      for (const { id, path, content } of saved.splice(0)) await store.saveDraft(id, path, content)
    },
  }
  const controller = createLessonController({
    exercises,
    store,
    saver,
    grader,
    workspace: Promise.resolve(workspace),
    views,
    now: () => clock,
  })
  return {
    tick: (ms = 1) => {
      clock += ms
    },
    controller,
    store,
    shown,
    workspace,
    runs,
    foreseen,
    plan: (...next: RunOutcome[]) => planned.push(...next),
    setDiagnostics: (next: TypeProblem[] | Error) => {
      diagnostics = next
    },
    setConfirm: (answer: boolean) => {
      confirm = answer
    },
    undo: () => undo?.(),
    block: () => {
      let unblock: () => void = () => {}
      const gate = new Promise<void>((resolve) => {
        unblock = resolve
      })
      grader.run = async (input: RunInput) => {
        runs.push(input)
        await gate
        return planned.shift() ?? outcome('pass')
      }
      return unblock
    },
  }
}

/** Runs an exercise to a passing verdict (every test passes, no type error). */
async function pass(env: ReturnType<typeof setUp>, target: Exercise) {
  await env.controller.open(target)
  env.plan(outcome('pass', 'pass'))
  return env.controller.run()
}

describe('opening an exercise', () => {
  test('shows its lesson, hints and saved result, and gives the editor drafts over starters', async () => {
    const env = setUp()
    await env.store.saveDraft('tokens', 'Token.ts', '// my token work')
    await env.store.setHintsRevealed('tokens', 1)
    await env.store.saveResult('tokens', { passed: 0, total: 1, failed: 1, at: 5, tests: [] })
    await env.controller.open(tokens)
    expect(env.shown.exercise).toBe(tokens)
    expect(env.shown.hints).toEqual([1])
    expect(env.shown.idle[0]?.at).toBe(5)
    expect(env.workspace.opened()).toBe('tokens')
    expect(env.workspace.contents()).toEqual({ 'Token.ts': '// my token work', 'Hash.ts': '// hash starter' })
    expect(env.shown.progress).toEqual({
      hashing: 'not-started',
      tokens: 'in-progress',
      harden: 'not-started',
    })
  })

  test("within a chapter a carried file is the learner's own draft, passed or not", async () => {
    const env = setUp()
    await env.store.saveDraft('hashing', 'Hash.ts', '// my unfinished hash')
    await env.controller.open(tokens)
    const hash = env.shown.files.find((file) => file.path === 'Hash.ts')
    expect(hash).toMatchObject({ content: '// my unfinished hash', source: 'own', role: 'carried' })
  })

  test('across chapters a carried file is the reference until the learner passes its exercise, then their own', async () => {
    const env = setUp()
    await env.store.saveDraft('hashing', 'Hash.ts', '// my unfinished hash')
    await env.controller.open(harden)
    expect(env.shown.files.find((file) => file.path === 'Hash.ts')).toMatchObject({
      content: '// hash reference',
      source: 'reference',
      from: { id: 'hashing', title: 'Title of hashing' },
    })
    expect(env.workspace.contents()['Hash.ts']).toBe('// hash reference')
    expect(env.shown.files.find((file) => file.path === 'Store.ts')?.content).toBe('// provided store')

    expect((await pass(env, hashing))?.passed).toBe(true)
    await env.controller.open(harden)
    expect(env.shown.files.find((file) => file.path === 'Hash.ts')).toMatchObject({
      content: '// my unfinished hash',
      source: 'own',
    })
  })

  test("says for each carried file whether it passes its own exercise, from that exercise's last result", async () => {
    const env = setUp()
    const states = () => env.shown.carried.map(({ path, state, from }) => ({ path, state, from: from.id }))
    await env.controller.open(tokens)
    expect(states()).toEqual([{ path: 'Hash.ts', state: 'starter', from: 'hashing' }])

    await env.store.saveDraft('hashing', 'Hash.ts', '// my hash')
    env.tick()
    await env.controller.open(tokens)
    expect(states()).toEqual([{ path: 'Hash.ts', state: 'not-run', from: 'hashing' }])

    await env.controller.open(hashing)
    env.plan(outcome('pass', 'fail'))
    await env.controller.run()
    env.tick()
    await env.controller.open(tokens)
    expect(env.shown.carried).toMatchObject([
      { path: 'Hash.ts', state: 'failing', verdict: { passed: false, counts: { passed: 1, total: 2 } } },
    ])

    await pass(env, hashing)
    env.tick()
    await env.controller.open(tokens)
    expect(states()).toEqual([{ path: 'Hash.ts', state: 'passed', from: 'hashing' }])

    // edited after the passing run: no longer known to pass
    await env.store.saveDraft('hashing', 'Hash.ts', '// my hash, changed')
    await env.controller.open(tokens)
    expect(states()).toEqual([{ path: 'Hash.ts', state: 'changed', from: 'hashing' }])
  })

  test('a reference version standing in for a file of an earlier chapter is said to be one', async () => {
    const env = setUp()
    await env.controller.open(harden)
    expect(env.shown.carried).toEqual([
      { path: 'Hash.ts', state: 'reference', from: { id: 'hashing', title: 'Title of hashing' } },
    ])
  })

  test('edits of an earlier exercise still waiting to be saved reach the files it carries', async () => {
    const env = setUp()
    await env.controller.open(hashing)
    env.controller.edited('Hash.ts', '// typed a moment ago')
    await env.controller.open(tokens)
    expect(env.workspace.contents()['Hash.ts']).toBe('// typed a moment ago')
  })
})

describe('running: one verdict for the results, the saved result and progress', () => {
  test('a Run pressed while the exercise still opens waits for its files, then grades them', async () => {
    const env = setUp()
    const opening = env.controller.open(hashing)
    env.plan(outcome('pass', 'pass'))
    // Ctrl+Enter right after the page loads: the editor is up, the exercise's drafts are still being read
    const verdict = await env.controller.run()
    await opening
    expect(env.runs).toHaveLength(1)
    expect(env.runs[0]?.files).toEqual({ 'Hash.ts': '// hash starter' })
    expect(verdict?.passed).toBe(true)
  })

  test('every test passing and no type error: passed, saved, and progress says so', async () => {
    const env = setUp()
    const verdict = await pass(env, hashing)
    expect(verdict?.passed).toBe(true)
    expect(env.shown.outcomes.at(-1)?.verdict.passed).toBe(true)
    expect(env.runs[0]).toMatchObject({
      files: { 'Hash.ts': '// hash starter' },
      suite: await hashing.suite(),
    })
    // the suite was named to the grader when the exercise opened, so its worker prepared it before the click
    expect(env.foreseen.at(-1)).toBe(await hashing.suite())
    expect(await env.store.getResult('hashing')).toMatchObject({ passed: 2, total: 2, failed: 0, at: 1_000 })
    expect(env.shown.progress.hashing).toBe('passed')
    expect(env.shown.running).toEqual([true, false])
  })

  test('a skipped test is not a pass: the results, the saved result and progress all say not passed', async () => {
    const env = setUp()
    await env.controller.open(hashing)
    env.plan(outcome('pass', 'skip'))
    const verdict = await env.controller.run()
    expect(verdict?.passed).toBe(false)
    expect(verdict?.reasons).toEqual(['1 test skipped (a skipped test is not a pass)'])
    expect(env.shown.outcomes.at(-1)?.verdict).toBe(verdict)
    expect(env.shown.progress.hashing).toBe('in-progress')
  })

  test('a type error in an editable file fails a run whose tests all pass; one in a carried file does not', async () => {
    const env = setUp()
    await env.controller.open(tokens)
    env.setDiagnostics([diagnostic('Token.ts'), diagnostic('Token.ts', 'warning')])
    env.plan(outcome('pass'))
    const failing = await env.controller.run()
    expect(failing?.passed).toBe(false)
    expect(failing?.typeErrors).toEqual([
      { path: 'Token.ts', line: 2, column: 5, message: "Type 'string' is not assignable to type 'number'." },
    ])
    expect((await env.store.getResult('tokens'))?.typeErrors).toHaveLength(1)
    expect(env.shown.progress.tokens).toBe('in-progress')

    env.setDiagnostics([diagnostic('Hash.ts')])
    env.plan(outcome('pass'))
    expect((await env.controller.run())?.passed).toBe(true)
    expect(env.shown.progress.tokens).toBe('passed')
  })

  test("when the TypeScript worker cannot answer, the editor's last diagnostics decide", async () => {
    const env = setUp()
    await env.controller.open(hashing)
    env.setDiagnostics(new Error('TypeScript not registered!'))
    env.plan(outcome('pass'))
    // the fake editor last showed an error in Hash.ts
    expect((await env.controller.run())?.reasons).toEqual(['1 type error in Hash.ts'])
  })

  test('a run that was stopped does not pass, even if every test so far passed', async () => {
    const env = setUp()
    await env.controller.open(hashing)
    const stopped: RunOutcome = {
      ...outcome('pass'),
      status: 'timeout',
      budgetMs: 5000,
      reason: 'budget',
      stoppedAfterMs: 5000,
    }
    env.plan(stopped)
    const verdict = await env.controller.run()
    expect(verdict?.passed).toBe(false)
    expect((await env.store.getResult('hashing'))?.problems).toEqual(['stopped after the 5 s time budget'])
    expect(env.shown.progress.hashing).toBe('in-progress')
  })

  test('a hidden suite that cannot be downloaded: the result says so and to run again, and the next Run fetches it', async () => {
    const env = setUp()
    let fetches = 0
    const offline: Exercise = {
      ...hashing,
      // fails for the fetch ahead at opening and for the first Run, as when offline before it was cached
      suite: async () => {
        fetches += 1
        if (fetches <= 2) throw new TypeError('Failed to fetch dynamically imported module')
        return hashing.suite()
      },
    }
    await env.controller.open(offline)
    const failed = await env.controller.run()
    expect(env.runs).toEqual([])
    expect(failed?.passed).toBe(false)
    expect(env.shown.outcomes.at(-1)?.outcome).toMatchObject({
      status: 'crashed',
      message:
        "This exercise's tests could not be downloaded (Failed to fetch dynamically imported module). " +
        'Check your connection, then press Run again.',
    })
    expect(env.shown.running).toEqual([true, false])

    env.plan(outcome('pass', 'pass'))
    expect((await env.controller.run())?.passed).toBe(true)
    expect(env.runs[0]?.suite).toEqual(await hashing.suite())
  })

  test('a second Run while one is under way does nothing, and a result for a closed exercise is not shown', async () => {
    const env = setUp()
    await env.controller.open(hashing)
    const unblock = env.block()
    const first = env.controller.run()
    expect(await env.controller.run()).toBeUndefined()
    expect(await env.store.getRunningMark()).toMatchObject({ exerciseId: 'hashing' })
    await env.controller.open(tokens)
    unblock()
    await first
    expect(env.runs).toHaveLength(1)
    expect(env.shown.outcomes).toEqual([])
    expect(await env.store.getRunningMark()).toBeUndefined()
  })
})

describe('the way on after a pass', () => {
  test('a pass names the next exercise; the first pass says so, a later one does not', async () => {
    const env = setUp()
    await pass(env, hashing)
    expect(env.shown.outcomes.at(-1)?.wayOn).toMatchObject({
      exercise: hashing,
      next: tokens,
      firstPass: true,
      chapterEnd: false,
      progress: { hashing: 'passed' },
    })
    await pass(env, hashing)
    expect(env.shown.outcomes.at(-1)?.wayOn).toMatchObject({ next: tokens, firstPass: false })

    env.plan(outcome('pass', 'fail'))
    await env.controller.run()
    expect(env.shown.outcomes.at(-1)?.wayOn).toBeUndefined()
  })

  test('the last exercise of a chapter ends it, and the last of the course has nothing after it', async () => {
    const env = setUp()
    await pass(env, tokens)
    expect(env.shown.outcomes.at(-1)?.wayOn).toMatchObject({ next: harden, chapterEnd: true })
    await pass(env, harden)
    expect(env.shown.outcomes.at(-1)?.wayOn).toMatchObject({
      next: undefined,
      chapterEnd: true,
      progress: { tokens: 'passed', harden: 'passed', hashing: 'not-started' },
    })
  })
})

describe('the visible examples', () => {
  const withExamples: Exercise = {
    ...exercise('sampled', 4, 1, [{ path: 'Sample.ts', role: 'editable', initial: '// sample starter' }]),
    examples: { 'Sample.example.test.ts': '// the examples' },
  }

  test('are not among the files of the exercise, and a graded run does not run them', async () => {
    const env = setUp()
    await env.controller.open(withExamples)
    expect(env.shown.files.map(({ path }) => path)).toEqual(['Sample.ts'])
    await env.controller.run()
    expect(Object.keys(env.runs[0]?.files ?? {})).toEqual(['Sample.ts'])
    expect(env.runs[0]?.suite).toBe(await withExamples.suite())
  })

  test('run on their own against the open files, shown apart, and change no result or progress', async () => {
    const env = setUp()
    await env.controller.open(withExamples)
    env.plan(outcome('pass', 'fail'))
    const verdict = await env.controller.runExamples()
    expect(env.runs[0]).toMatchObject({
      files: { 'Sample.ts': '// sample starter' },
      suite: { 'Sample.example.test.ts': '// the examples' },
    })
    expect(Object.keys(env.runs[0]?.files ?? {})).toEqual(['Sample.ts'])
    expect(verdict?.counts).toMatchObject({ passed: 1, failed: 1, total: 2 })
    expect(env.shown.examples.map((shown) => shown.verdict)).toEqual([verdict])
    expect(env.shown.outcomes).toEqual([])
    expect(await env.store.getResult('sampled')).toBeUndefined()
    expect((await env.store.progress(['sampled'])).sampled).toBe('not-started')
    expect(await env.store.getRunningMark()).toBeUndefined()
    expect(env.shown.running).toEqual([true, false])
  })

  test('do nothing for an exercise without examples, or while a run is under way', async () => {
    const env = setUp()
    await env.controller.open(hashing)
    expect(await env.controller.runExamples()).toBeUndefined()
    await env.controller.open(withExamples)
    const unblock = env.block()
    const grading = env.controller.run()
    expect(await env.controller.runExamples()).toBeUndefined()
    unblock()
    await grading
    expect(env.runs).toHaveLength(1)
  })
})

describe('reset', () => {
  test('asks first, puts the starters back, and undo brings the drafts back', async () => {
    const env = setUp()
    await env.store.saveDraft('hashing', 'Hash.ts', '// my hash')
    await env.controller.open(hashing)

    env.setConfirm(false)
    await env.controller.reset()
    expect(env.workspace.contents()['Hash.ts']).toBe('// my hash')

    env.setConfirm(true)
    await env.controller.reset()
    expect(env.workspace.contents()['Hash.ts']).toBe('// hash starter')

    await env.undo()
    expect(env.workspace.contents()['Hash.ts']).toBe('// my hash')
    expect((await env.store.getDrafts('hashing'))['Hash.ts']?.content).toBe('// my hash')
  })
})
