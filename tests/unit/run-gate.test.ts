import { describe, expect, it } from 'vitest'
import { createRunGate } from '../../src/offline/run-gate'

describe('createRunGate', () => {
  it('is idle at once when no run is under way', async () => {
    const gate = createRunGate()
    await expect(gate.idle()).resolves.toBeUndefined()
    expect(gate.running).toBe(false)
  })

  it('holds idle() until the run ends', async () => {
    const gate = createRunGate()
    gate.set(true)
    let ended = false
    const waiting = gate.idle().then(() => {
      ended = true
    })
    await Promise.resolve()
    expect(ended).toBe(false)
    gate.set(false)
    await waiting
    expect(ended).toBe(true)
  })
})
