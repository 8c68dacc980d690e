// Share an attempt by link: the learner's editable files, deflate-raw compressed and base64url encoded, in the
// URL fragment (`#/simple-jwt?share=...`), so they never reach a server. Decoding reads a Blob's stream:
// a `fetch('data:...')` decode would be blocked by the app's Content-Security-Policy.

import { exerciseIdSchema } from '../content/manifest-schema'
import { z } from '../content/zod'

/** Links longer than this may be cut by chat apps and mail clients: the page warns past it. */
export const SHARE_LINK_WARN_LENGTH = 2000

/** The most text a shared attempt may hold once decompressed: a link is never a decompression bomb. */
export const SHARE_MAX_BYTES = 256 * 1024

/** What a share link carries; short keys keep the link short. */
export const sharedAttemptSchema = z
  .object({
    v: z.literal(1).describe('Format version of the shared attempt.'),
    e: exerciseIdSchema.describe('The exercise the files belong to.'),
    f: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*\.ts$/),
        z.string().max(SHARE_MAX_BYTES).describe('File text.'),
      )
      .describe("The sender's editable files by name; never hidden tests, provided files or stored data."),
    p: z
      .boolean()
      .optional()
      .describe("The sender's own last run passed every test: a spoiler for someone who has not passed."),
  })
  .strict()
  .describe('An attempt shared by link.')

/** An attempt shared by link. */
export type SharedAttempt = z.infer<typeof sharedAttemptSchema>

/** A decoded link: the attempt, or why it cannot be read (a message for the learner). */
export type DecodeResult = { ok: true; attempt: SharedAttempt } | { ok: false; message: string }

const toBase64Url = (bytes: Uint8Array) => {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

const fromBase64Url = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new RangeError(`more than ${limit} bytes`)
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    all.set(chunk, at)
    at += chunk.byteLength
  }
  return all
}

/** The fragment parameter (base64url of deflate-raw of the JSON) for an attempt. */
export async function encodeAttempt(attempt: SharedAttempt): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(sharedAttemptSchema.parse(attempt)))
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))
  return toBase64Url(await readAll(stream, Number.POSITIVE_INFINITY))
}

/** Reads a fragment parameter back; never throws: a damaged link gives a message. */
export async function decodeAttempt(data: string): Promise<DecodeResult> {
  const damaged = {
    ok: false,
    message: 'This share link is damaged or incomplete: ask for it again.',
  } as const
  const bytes = fromBase64Url(data)
  if (!bytes || bytes.length === 0) return damaged
  let text: string
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate-raw'))
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readAll(stream, SHARE_MAX_BYTES))
  } catch (error) {
    if (error instanceof RangeError)
      return { ok: false, message: 'This share link holds too much code to open.' }
    return damaged
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return damaged
  }
  const parsed = sharedAttemptSchema.safeParse(json)
  if (!parsed.success)
    return { ok: false, message: 'This link is not an AuthLab attempt this version can read.' }
  return { ok: true, attempt: parsed.data }
}

/** The link to an attempt: this page's address with the exercise route and the encoded files. */
export async function shareUrl(base: string, attempt: SharedAttempt): Promise<string> {
  const url = new URL(base)
  url.hash = `/${attempt.e}?share=${await encodeAttempt(attempt)}`
  return url.href
}

/** The encoded attempt in a fragment such as `#/simple-jwt?share=...`, if there is one. */
export function shareParamFromHash(hash: string): string | undefined {
  const query = hash.indexOf('?')
  if (query < 0) return undefined
  return new URLSearchParams(hash.slice(query + 1)).get('share') ?? undefined
}
