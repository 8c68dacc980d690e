import { describe, expect, it } from 'vitest'
import { exerciseIdFromHash } from '../../src/ui/router'

describe('exerciseIdFromHash', () => {
  it('reads the id of a deep link, with or without a query, and nothing from the home link', () => {
    expect(exerciseIdFromHash('#/simple-jwt')).toBe('simple-jwt')
    expect(exerciseIdFromHash('#simple-jwt')).toBe('simple-jwt')
    expect(exerciseIdFromHash('#/simple-jwt?share=abc')).toBe('simple-jwt')
    expect(exerciseIdFromHash('#/%73imple-jwt')).toBe('simple-jwt')
    expect(exerciseIdFromHash('#/')).toBeUndefined()
    expect(exerciseIdFromHash('')).toBeUndefined()
  })

  it('keeps a malformed escape as written instead of throwing (the page must still start)', () => {
    expect(exerciseIdFromHash('#/%')).toBe('%')
    expect(exerciseIdFromHash('#/simple-jwt%E0%A4%A')).toBe('simple-jwt%E0%A4%A')
  })
})
