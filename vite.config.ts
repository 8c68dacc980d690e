import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumArgs, findChromium } from './scripts/lib/chromium.ts'

/** Vitest's browser settings for Debian Chromium (or CHROMIUM_PATH), headless, as root, offline. */
export function chromiumBrowser() {
  const executablePath = findChromium()
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: { ...(executablePath ? { executablePath } : {}), args: chromiumArgs },
    }),
    instances: [{ browser: 'chromium' as const }],
  }
}

export default defineConfig({
  server: { host: '127.0.0.1' },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'exercises',
          environment: 'node',
          include: ['tests/exercises/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['tests/browser/**/*.test.ts', '.authlab/targets/*/solution/*.test.ts'],
          browser: chromiumBrowser(),
        },
      },
    ],
  },
})
