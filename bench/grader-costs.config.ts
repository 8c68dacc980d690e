import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser, prebundledDeps } from '../vite.config.ts'

// `npm run bench:grader`: the grader's cold, warm and hardening costs in Chromium, printed as annotations
export default defineConfig({
  test: {
    name: 'bench-grader',
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['bench/grader-costs.browser.ts'],
    browser: chromiumBrowser(),
    testTimeout: 180_000,
  },
  optimizeDeps: { include: prebundledDeps },
})
