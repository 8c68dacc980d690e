import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { chromiumBrowser } from '../../vite.config.ts'

// The hidden suites against every starter and decoy: run as a child of suites-reject-wrong-code.test.ts,
// which expects failures here and reads the JSON report.
export default defineConfig({
  test: {
    name: 'wrong-code',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['.authlab/targets/*/starter/*.test.ts', '.authlab/targets/*/decoy-*/*.test.ts'],
    browser: chromiumBrowser(),
  },
})
