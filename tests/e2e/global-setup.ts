import { join } from 'node:path'
import { build, preview } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the built app served by `vite preview` on 127.0.0.1. */
    appUrl: string
  }
}

// Builds the app once for every end-to-end test and serves it like `npm run preview` would.
export default async function setup(project: TestProject) {
  const root = join(import.meta.dirname, '../..')
  const outDir = join(root, '.authlab/e2e-dist')
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report an address')
  project.provide('appUrl', url)
  return async () => {
    await server.close()
  }
}
