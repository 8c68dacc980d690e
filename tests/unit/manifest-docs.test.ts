import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { manifestFieldRows, staleManifestDocs } from '../../scripts/lib/manifest-docs'
import { manifestSchema } from '../../src/content/manifest-schema'

const root = join(import.meta.dirname, '../..')

describe('the manifest documentation', () => {
  it('is in sync with the zod schema (run npm run docs:manifest after changing it)', () => {
    expect(staleManifestDocs(root)).toEqual([])
  })

  it('has a row with a description for every manifest field', () => {
    const rows = manifestFieldRows()
    const documented = rows.map(([field]) => field)
    for (const field of Object.keys(manifestSchema.shape)) expect(documented).toContain(`\`${field}\``)
    for (const [field, , , description] of rows)
      expect(description, `${field} has no description`).not.toBe('')
  })
})
