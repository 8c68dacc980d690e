// Spies on Web Crypto in the grader's hardened realm (Crypto.prototype and SubtleCrypto.prototype frozen) must
// restore exactly as they do natively, here in Vitest itself: the same observations, made by the same code.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { type EngineFrame, loadEngineInFrame } from '../fixtures/engine-frame'

/** Spies, calls and restores the way suites do, and says what it saw; runs natively and in the grader. */
async function observeSpies(spies: Pick<typeof vi, 'spyOn' | 'isMockFunction' | 'restoreAllMocks'>) {
  const seen: Record<string, unknown> = {}
  const random = crypto.getRandomValues
  const first = spies.spyOn(crypto, 'getRandomValues').mockImplementation((array) => array)
  crypto.getRandomValues(new Uint8Array(4))
  first.mockRestore()
  seen.restoredByMockRestore = crypto.getRandomValues === random
  seen.stillMockedAfterMockRestore = spies.isMockFunction(crypto.getRandomValues)
  const second = spies.spyOn(crypto, 'getRandomValues')
  seen.secondSpyIsNew = second !== first
  seen.secondSpyCalls = second.mock.calls.length
  seen.secondSpyCallsThrough = crypto.getRandomValues(new Uint8Array(4)).length
  spies.restoreAllMocks()
  seen.restoredByRestoreAll = crypto.getRandomValues === random

  const verify = crypto.subtle.verify
  const stub = spies.spyOn(crypto.subtle, 'verify').mockResolvedValue(true)
  seen.stubbedVerify = await crypto.subtle.verify(
    'HMAC',
    {} as CryptoKey,
    new Uint8Array(1),
    new Uint8Array(1),
  )
  stub.mockRestore()
  seen.verifyRestored = crypto.subtle.verify === verify
  const key = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(32),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  seen.realVerifyAfterRestore = await crypto.subtle.verify('HMAC', key, new Uint8Array(32), new Uint8Array(1))
  const again = spies.spyOn(crypto.subtle, 'verify')
  seen.verifySpyIsNew = again !== stub
  seen.verifySpyCalls = again.mock.calls.length
  spies.restoreAllMocks()
  seen.verifyRestoredByRestoreAll = crypto.subtle.verify === verify
  seen.ownEnumerableKeys = [...Object.keys(crypto), ...Object.keys(crypto.subtle)]
  return seen
}

let frame: EngineFrame
beforeAll(async () => {
  frame = await loadEngineInFrame()
  await frame.harden()
})
afterAll(() => frame.dispose())

describe('spies on Web Crypto in the hardened grader', () => {
  test('restore, re-spy and count calls as natively, and are not taken for tampering', async () => {
    const native = await observeSpies(vi)
    expect(native).toMatchObject({ restoredByMockRestore: true, secondSpyIsNew: true, secondSpyCalls: 0 })

    const result = await frame.grade({
      suite: {
        'Spies.test.ts': [
          "import { it, vi } from 'vitest'",
          `const observeSpies = ${observeSpies.toString()}`,
          "it('observes', async () => { console.log(JSON.stringify(await observeSpies(vi))) })",
        ].join('\n'),
      },
    })
    expect(result.errors).toEqual([])
    expect(result.tests.map((test) => test.state)).toEqual(['pass'])
    const logged = result.tests[0]?.console.map((line) => line.text) ?? []
    expect(logged.map((text) => JSON.parse(text))).toEqual([native])
  })
})
