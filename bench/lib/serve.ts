import { join } from 'node:path'
import { build, type PreviewServer, preview } from 'vite'

/** The built app served on 127.0.0.1, as `npm run preview` serves it. */
export interface ServedApp {
  /** Address of the app, ending in `/`. */
  readonly url: string
  /** Folder of the build, with Vite's manifest in `.vite/manifest.json`. */
  readonly outDir: string
  close(): Promise<void>
}

/**
 * Builds the app at `root` with its own vite.config.ts (plus a manifest, so the bundle report can tell the
 * entry's static imports from lazy chunks) into `outDir`, and serves it on a free port.
 */
export async function buildAndServe(
  root: string,
  outDir = join(root, '.authlab/bench/dist'),
): Promise<ServedApp> {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: true } })
  const server: PreviewServer = await preview({
    root,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report an address')
  return { url, outDir, close: () => server.close() }
}
