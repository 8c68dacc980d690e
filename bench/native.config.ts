import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser, prebundledDeps } from '../vite.config.ts'

// one exercise's hidden suite natively (Vitest browser mode, Chromium, as CI runs it), laid out by bench/lib/native.ts
const root = fileURLToPath(new URL('..', import.meta.url))
const include = (process.env.AUTHLAB_BENCH_SUITES ?? '').split(',').filter(Boolean)
if (include.length === 0)
  throw new Error('bench/native.config.ts: set AUTHLAB_BENCH_SUITES to the suite files')

export default defineConfig({
  test: { name: 'bench-native', root, include, browser: chromiumBrowser(), testTimeout: 30_000 },
  optimizeDeps: { include: prebundledDeps },
})
