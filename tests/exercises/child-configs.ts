import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser, prebundledDeps } from '../../vite.config.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Config of a child `vitest run` started by hidden-suites.test.ts: one Chromium project over `include`.
 * Failing tests are expected there (starters and decoys), so the parent reads their JSON report instead.
 */
export function childConfig(name: string, include: string[]) {
  return defineConfig({
    test: { name, root, include, browser: chromiumBrowser(), testTimeout: 30_000 },
    optimizeDeps: { include: prebundledDeps },
  })
}
