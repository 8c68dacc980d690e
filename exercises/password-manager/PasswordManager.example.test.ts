// Visible examples: how the tests build a PasswordManager, and a few happy paths. Not graded.
import { expect, it } from 'vitest'
import { PasswordManager } from './PasswordManager'

it('hashes in Django format and verifies the same password, not another', async () => {
  // The tests pass a small count so they run fast; new PasswordManager() must default to 600,000.
  const manager = new PasswordManager({ iterations: 1000 })
  const stored = await manager.hashPassword('correct horse')
  expect(stored).toMatch(/^pbkdf2_sha256\$1000\$[A-Za-z0-9]{22}\$[A-Za-z0-9+/]{43}=$/)
  expect(await manager.verifyPassword('correct horse', stored)).toBe(true)
  expect(await manager.verifyPassword('correct horsE', stored)).toBe(false)
})

it("verifies a hash made by Django (from Django's own test suite)", async () => {
  const django = 'pbkdf2_sha256$10000$seasalt$FQCNpiZpTb0zub+HBsH6TOwyRxJ19FwvjbweatNmK/Y='
  expect(await new PasswordManager({ iterations: 1000 }).verifyPassword('letmein', django)).toBe(true)
})

it('lists every rule a password breaks', () => {
  const manager = new PasswordManager({ iterations: 1000 })
  const check = manager.validatePassword('abc')
  expect(check.valid).toBe(false)
  expect(check.errors).toHaveLength(4) // too short, no digit, no uppercase letter, no special character
  // Passes every rule, and is still one of the first guesses in any cracking list: see the lesson.
  expect(manager.validatePassword('Password1!')).toEqual({ valid: true, errors: [] })
})
