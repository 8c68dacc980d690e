/// <reference lib="webworker" />
/**
 * The playground worker: the sandbox's worker preamble (sealed global channel, hardened realm, private ports,
 * heartbeats) around the playground engine.
 */
import { bundledPackages } from '../sandbox/shims'
import { serveSandbox } from '../sandbox/worker-host'
import { performCall } from './engine'
import type { CallInput, CallReport } from './protocol'

serveSandbox<CallInput, never, CallReport>({
  name: 'playground',
  // every call opens the provided UserStore, which imports idb: load it while the worker waits
  warmUp: () => bundledPackages.idb?.() ?? Promise.resolve(),
  run: (input, { scope }) => performCall(input, scope),
})
