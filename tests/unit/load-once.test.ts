import { describe, expect, it } from 'vitest'
import { loadOnce } from '../../src/content/load-once'

describe('loadOnce', () => {
  it('loads once for calls made while loading and after, and again after a load that failed', async () => {
    let loads = 0
    const load = loadOnce(async () => {
      loads += 1
      if (loads === 1) throw new Error('offline')
      return `text ${loads}`
    })
    await expect(load()).rejects.toThrow('offline')
    const [first, second] = await Promise.all([load(), load()])
    expect([first, second, await load()]).toEqual(['text 2', 'text 2', 'text 2'])
    expect(loads).toBe(2)
  })
})
