import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { build, type PreviewServer, preview } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the built app served by `vite preview` on 127.0.0.1. */
    appUrl: string
  }
}

/** Builds the app and serves it like `npm run preview` would, on a free port; resolves to the server and its address. */
async function buildAndPreview(root: string): Promise<{ server: PreviewServer; url: string }> {
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
  return { server, url }
}

// Builds the app once for every end-to-end project and serves it like `npm run preview` would. Global setups
// run before any test starts, so the build goes on in the background while the other projects test: the address
// handed out at once is a proxy that holds each request until the build is served. The e2e projects share it
// (the first one to set up provides it to all).
export default async function setup(project: TestProject) {
  const everyProject = project.vitest.getRootProject()
  if (everyProject.getProvidedContext().appUrl) return
  const root = join(import.meta.dirname, '../..')
  const serving = buildAndPreview(root)
  // reported to whoever asks first; until then a failed build must not be an unhandled rejection
  serving.catch(() => {})
  const proxy = createServer((incoming, outgoing) => {
    serving.then(
      ({ url }) => {
        const target = new URL(incoming.url ?? '/', url)
        const forward = request(
          target,
          { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
          (response) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers)
            response.pipe(outgoing)
          },
        )
        forward.on('error', (error) => outgoing.destroy(error))
        incoming.pipe(forward)
      },
      (error: Error) => {
        outgoing.writeHead(500, { 'content-type': 'text/plain' })
        outgoing.end(`tests/e2e/global-setup.ts: the app did not build: ${error.message}`)
      },
    )
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  everyProject.provide('appUrl', `http://127.0.0.1:${port}/`)
  return async () => {
    proxy.closeAllConnections()
    await new Promise((resolve) => proxy.close(resolve))
    await (await serving.catch(() => undefined))?.server.close()
  }
}
