import { captureConsole } from '../../sandbox/console-capture'
import { processThrown, serialiseError } from '../../sandbox/serialise-error'
import { type SandboxScope, watchUnhandled } from '../../sandbox/unhandled-errors'
import type { CallInput, CallReport, CallResult, PlaygroundAction } from '../protocol'
import { burstFile, runBurst } from './burst'
import { buildRequest, readResponse } from './fetch-objects'
import { type LoadedCode, loadLearnerCode } from './load'
import { describeThrown, preview, toJsonText } from './printed-values'
import { buildServices, filesFor, type ServiceMode, type Services } from './services'
import { runTotp, totpFile } from './totp'

// taken before any learner code runs, which may replace the globals
const now = performance.now.bind(performance)
const setTimer = setTimeout

/** What each service action calls, in the words a message about it uses. */
type ServiceAction = Extract<PlaygroundAction, { kind: 'register' | 'login' | 'current-user' }>

function serviceCall(services: Services, action: ServiceAction) {
  const { auth } = services
  switch (action.kind) {
    case 'register':
      return { label: 'auth.register(input)', run: () => auth.register({ ...action.input }) }
    case 'login':
      return {
        label: 'auth.login(username, password)',
        run: () => auth.login(action.username, action.password),
      }
    case 'current-user':
      return { label: 'auth.getCurrentUser(token)', run: () => auth.getCurrentUser(action.token) }
  }
}

async function act(request: CallInput, services: Services, code: LoadedCode): Promise<CallResult> {
  const { action } = request
  if (action.kind === 'burst') return runBurst(action, services.auth, code)
  if (action.kind === 'totp') return { status: 'bad-request', message: 'A TOTP call needs the totp mode.' }
  if (action.kind !== 'http') {
    const { label, run } = serviceCall(services, action)
    try {
      return { status: 'returned', value: toJsonText(await run()) }
    } catch (thrown) {
      return { status: 'threw', error: describeThrown(thrown, code.locator), context: `${label} threw` }
    }
  }
  let built: Request
  try {
    built = buildRequest(action.request)
  } catch (error) {
    return {
      status: 'bad-request',
      message: `The request could not be built: ${String((error as Error)?.message ?? error)}`,
    }
  }
  let answer: unknown
  try {
    answer = await services.handler?.(built)
  } catch (thrown) {
    return {
      status: 'threw',
      error: describeThrown(thrown, code.locator),
      context: 'The handler rejected instead of answering with a Response (a server would answer 500)',
    }
  }
  if (!(answer instanceof Response)) {
    return {
      status: 'unusable',
      problems: [
        {
          file: 'authRoutes.ts',
          message: `The handler resolved with ${preview(answer)} instead of a Response: answer with new Response(JSON.stringify(body), { status, headers }).`,
        },
      ],
    }
  }
  try {
    return { status: 'response', response: await readResponse(answer) }
  } catch (thrown) {
    return {
      status: 'threw',
      error: describeThrown(thrown, code.locator),
      context: 'Reading the response body failed',
    }
  }
}

/**
 * One playground call: loads the learner's current files, builds the services on the playground database,
 * performs the action and reports it with the console output it caused. Never throws for anything the
 * learner's code does.
 */
export async function performCall(request: CallInput, scope: SandboxScope): Promise<CallReport> {
  const capture = captureConsole(scope.console)
  const unhandled: string[] = []
  let code: LoadedCode | undefined
  let services: Services | undefined
  const stopWatching = watchUnhandled(scope, (value) => {
    const info = serialiseError(
      processThrown(value),
      code?.locator ?? { learnerFrames: () => [], scrub: (text) => text },
    )
    unhandled.push(`${info.name}: ${info.message}${info.stack ? `\n${info.stack}` : ''}`)
  })
  let durationMs = 0
  const report = (result: CallResult): CallReport => ({
    result,
    console: capture.outside(),
    unhandled: [...unhandled],
    durationMs: Math.round(durationMs * 10) / 10,
  })
  try {
    const { mode, action } = request
    const needed =
      mode === 'totp' ? [totpFile] : [...filesFor(mode), ...(action.kind === 'burst' ? [burstFile] : [])]
    const loaded = await loadLearnerCode(request.files, request.allowedImports, needed)
    if (!loaded.ok) return report({ status: 'unusable', problems: loaded.problems })
    code = loaded.code
    if (mode === 'totp') {
      const started = now()
      const result =
        action.kind === 'totp'
          ? await runTotp(action, code)
          : ({ status: 'bad-request', message: 'The totp mode answers TOTP calls only.' } as const)
      durationMs = now() - started
      return report(result)
    }
    const built = await buildServices(mode as ServiceMode, code, request.setup)
    if (!built.ok) return report({ status: 'unusable', problems: built.problems })
    services = built.services
    const started = now()
    const result = await act(request, services, code)
    durationMs = now() - started
    // a rejection the learner's code left unhandled is reported after a task turn
    await new Promise((resolve) => setTimer(resolve, 0))
    return report(result)
  } finally {
    stopWatching()
    capture.restore()
    services?.close()
    code?.dispose()
  }
}
