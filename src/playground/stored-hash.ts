/** A stored password hash split into Django's four fields. */
export type HashParts =
  | {
      readonly ok: true
      /** E.g. `pbkdf2_sha256`. */
      readonly algorithm: string
      readonly iterations: number
      readonly salt: string
      /** Standard base64 of the derived key. */
      readonly hash: string
    }
  | {
      readonly ok: false
      /** Length of the stored text, which is not shown: it may be a plain password stored by mistake. */
      readonly length: number
    }

const django = /^([a-z0-9_]+)\$([0-9]{1,10})\$([^$]+)\$([^$]+)$/

/** Splits `pbkdf2_sha256$<iterations>$<salt>$<hash>`; anything else is reported by length only. */
export function splitStoredHash(stored: string): HashParts {
  const match = django.exec(stored)
  if (!match) return { ok: false, length: stored.length }
  const [, algorithm = '', iterations = '0', salt = '', hash = ''] = match
  return { ok: true, algorithm, iterations: Number(iterations), salt, hash }
}
