import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRunGate } from '../../src/offline/run-gate'
import { mountUpdatePrompt } from '../../src/ui/update-prompt'

const root = document.createElement('div')
document.body.append(root)
afterEach(() => root.replaceChildren())

const reloadButton = () => root.querySelector<HTMLButtonElement>('.update-prompt button.primary')
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the update prompt', () => {
  it('offers the new version and changes nothing until the learner chooses Reload', async () => {
    const gate = createRunGate()
    const reload = vi.fn()
    const activate = vi.fn(async () => undefined)
    const prompt = mountUpdatePrompt(root, { running: () => gate.running, idle: gate.idle, reload })
    prompt.offer(activate)
    expect(root.textContent).toContain('Update ready')
    await flush()
    expect(activate).not.toHaveBeenCalled()
    reloadButton()?.click()
    await flush()
    expect(activate).toHaveBeenCalledOnce()
    prompt.controlling()
    await flush()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('never activates or reloads while a run is under way, and does both once it ends', async () => {
    const gate = createRunGate()
    const reload = vi.fn()
    const activate = vi.fn(async () => undefined)
    const prompt = mountUpdatePrompt(root, { running: () => gate.running, idle: gate.idle, reload })
    prompt.offer(activate)
    gate.set(true)
    reloadButton()?.click()
    await flush()
    expect(activate).not.toHaveBeenCalled()
    expect(reloadButton()?.textContent).toBe('Reloading after this run…')
    gate.set(false)
    await flush()
    expect(activate).toHaveBeenCalledOnce()
  })

  it('asks before reloading when another tab took the update, and waits for a run', async () => {
    const gate = createRunGate()
    const reload = vi.fn()
    const prompt = mountUpdatePrompt(root, { running: () => gate.running, idle: gate.idle, reload })
    prompt.controlling()
    await flush()
    expect(reload).not.toHaveBeenCalled()
    expect(root.textContent).toContain('updated in another tab')
    gate.set(true)
    reloadButton()?.click()
    await flush()
    expect(reload).not.toHaveBeenCalled()
    gate.set(false)
    await flush()
    expect(reload).toHaveBeenCalledOnce()
  })

  it('Later hides the offer', () => {
    const prompt = mountUpdatePrompt(root, { running: () => false, idle: async () => {}, reload: vi.fn() })
    prompt.offer(async () => undefined)
    root.querySelector<HTMLButtonElement>('.update-prompt button.link')?.click()
    expect(root.querySelector('.update-prompt')).toBeNull()
  })
})
