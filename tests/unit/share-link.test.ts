import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  decodeAttempt,
  encodeAttempt,
  SHARE_MAX_BYTES,
  type SharedAttempt,
  shareParamFromHash,
  shareUrl,
} from '../../src/share/share-link'
import { exerciseIdFromHash } from '../../src/ui/router'

const root = join(import.meta.dirname, '../..')

/** Each exercise's reference solution as the sender's editable files. */
function referenceAttempts(): SharedAttempt[] {
  return readdirSync(join(root, 'solutions')).map((id) => {
    const manifest = JSON.parse(readFileSync(join(root, 'exercises', id, 'exercise.json'), 'utf8')) as {
      files: { path: string; role: string }[]
    }
    const editable = manifest.files.filter((file) => file.role === 'editable')
    return {
      v: 1,
      e: id,
      p: true,
      f: Object.fromEntries(
        editable.map((file) => [file.path, readFileSync(join(root, 'solutions', id, file.path), 'utf8')]),
      ),
    }
  })
}

describe('share links', () => {
  it('round-trips every exercise reference solution through the fragment, byte for byte', async () => {
    const attempts = referenceAttempts()
    expect(attempts.length).toBeGreaterThan(0)
    for (const attempt of attempts) {
      const url = await shareUrl('https://example.org/authlab/', attempt)
      const hash = new URL(url).hash
      expect(exerciseIdFromHash(hash)).toBe(attempt.e)
      const decoded = await decodeAttempt(shareParamFromHash(hash) ?? '')
      expect(decoded).toEqual({ ok: true, attempt })
    }
  })

  it('compresses: a link is much shorter than the code it carries', async () => {
    const [attempt] = referenceAttempts()
    if (!attempt) throw new Error('no solutions')
    const text = Object.values(attempt.f).join('')
    expect((await encodeAttempt(attempt)).length).toBeLessThan(text.length * 0.6)
  })

  it('uses only URL-safe characters', async () => {
    const data = await encodeAttempt({ v: 1, e: 'simple-jwt', f: { 'SimpleJWT.ts': '// ünïcödé ✓ >>> ???' } })
    expect(data).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('says a damaged or cut link is damaged, never throws', async () => {
    const data = await encodeAttempt({ v: 1, e: 'simple-jwt', f: { 'SimpleJWT.ts': 'x'.repeat(500) } })
    for (const broken of [data.slice(0, data.length / 2), `${data}!`, 'AAAA', '', '%%%']) {
      const result = await decodeAttempt(broken)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.message).toMatch(/damaged|incomplete/)
    }
  })

  it('refuses a well-formed link that is not an attempt (other fields, other version, paths)', async () => {
    const encode = async (value: unknown) => {
      const bytes = new TextEncoder().encode(JSON.stringify(value))
      const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))
      const out = new Uint8Array(await new Response(stream).arrayBuffer())
      return btoa(String.fromCharCode(...out))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '')
    }
    for (const foreign of [
      { v: 2, e: 'simple-jwt', f: {} },
      { v: 1, e: 'simple-jwt', f: { '../secrets.ts': 'x' } },
      { v: 1, e: 'Simple JWT', f: {} },
      { v: 1, e: 'simple-jwt', f: {}, tests: 'hidden' },
      ['not', 'an', 'object'],
    ]) {
      const result = await decodeAttempt(await encode(foreign))
      expect(result).toEqual({
        ok: false,
        message: 'This link is not an AuthLab attempt this version can read.',
      })
    }
  })

  it('stops decompressing past its limit (a link is never a decompression bomb)', async () => {
    const huge = { v: 1, e: 'simple-jwt', f: { 'SimpleJWT.ts': 'a'.repeat(SHARE_MAX_BYTES - 10) } } as const
    const data = await encodeAttempt(huge)
    expect(data.length).toBeLessThan(2000)
    const result = await decodeAttempt(data)
    expect(result).toEqual({ ok: false, message: 'This share link holds too much code to open.' })
  })

  it('finds the share parameter only in a share fragment', () => {
    expect(shareParamFromHash('#/simple-jwt?share=abc')).toBe('abc')
    expect(shareParamFromHash('#/simple-jwt')).toBeUndefined()
    expect(exerciseIdFromHash('#/simple-jwt?share=abc')).toBe('simple-jwt')
  })
})
