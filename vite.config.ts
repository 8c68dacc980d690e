import { playwright } from '@vitest/browser-playwright'
import type { Plugin } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { configDefaults, defineConfig } from 'vitest/config'
import { catalogueModule } from './scripts/lib/catalogue-module.ts'
import { chromiumArgs, findChromium } from './scripts/lib/chromium.ts'
import { lessonOpenings, paintOpeningScriptSource } from './scripts/lib/lesson-openings.ts'
import { pwaOptions } from './scripts/lib/pwa-options.ts'
import { LongestFirst } from './tests/support/longest-first.ts'
import { timedEndToEnd, timedInBrowser } from './tests/support/timed-tests.ts'

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
    // the suites judge code, not pixels: a screenshot per failing test (hundreds per decoy run) only costs time
    screenshotFailures: false,
  }
}

// Only what the app needs: its own files, blob: modules for the grader (the import lexer is its asm.js
// build, so no WebAssembly), the one inline script that paints the lesson's opening (by its hash), and inline
// styles for Monaco. Added to the built page only; the dev server needs inline scripts for HMR.
export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' blob: ${paintOpeningScriptSource}`,
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

const cspPlugin: Plugin = {
  name: 'authlab-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
      injectTo: 'head-prepend',
    },
  ],
}

/**
 * Every package the app, the grader worker and the playground worker import, pre-bundled up front: a package
 * Vite discovers late makes it re-optimise and reload the page halfway through a browser test run, and a
 * worker still holding the old chunk URLs then fails to import them. Child `vitest run` configs use it too.
 */
export const prebundledDeps = [
  'idb',
  'zod', // loaded by the grader only when an exercise allows it, so Vite would find it late
  'sucrase',
  'es-module-lexer',
  'es-module-lexer/js', // the asm.js build the grader uses (no WebAssembly under the CSP)
  'marked',
  'dompurify',
]

export default defineConfig({
  // the policy's meta tag must come first in the head, before the openings' script
  plugins: [
    lessonOpenings(import.meta.dirname),
    cspPlugin,
    catalogueModule(import.meta.dirname),
    VitePWA(pwaOptions),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { host: '127.0.0.1' },
  worker: { format: 'es' },
  optimizeDeps: { include: prebundledDeps },
  test: {
    // two node test files at a time beside the browser project: the exercise checks' child run from the
    // start, and the others one after another, longest first. In CI (CI=true) one file at a time: there, with
    // the child run's two tabs, an e2e page and the browser project's tab on 2 cores, sandbox workers were
    // starved past their 1 s heartbeat limit and healthy runs were stopped as unresponsive (fresh-clone runs)
    maxWorkers: process.env.CI === 'true' ? 1 : 2,
    sequence: { sequencer: LongestFirst },
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
          // the child runs judge every target of ten exercises (about 250) through two runners before any verdict
          testTimeout: 1_200_000,
          hookTimeout: 1_200_000,
        },
      },
      {
        extends: true,
        test: {
          // the instructor CLIs end to end (grade launches headless Chromium itself)
          name: 'tools',
          environment: 'node',
          include: ['tests/tools/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // the built app end to end, beside the other projects
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...timedEndToEnd],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // last, after chromium-timed (tests/support/timed-tests.ts)
          name: 'e2e-timed',
          environment: 'node',
          include: timedEndToEnd,
          globalSetup: ['tests/e2e/global-setup.ts'],
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'chromium',
          include: ['tests/browser/**/*.test.ts', '.authlab/targets/*/solution/*.test.ts'],
          exclude: [...configDefaults.exclude, ...timedInBrowser],
          // one tab, as before the root's maxWorkers: it is not what the other projects wait for
          browser: { ...chromiumBrowser(), fileParallelism: false },
        },
      },
      {
        extends: true,
        test: {
          // after the others, before e2e-timed (tests/support/timed-tests.ts)
          name: 'chromium-timed',
          include: timedInBrowser,
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          browser: chromiumBrowser(),
        },
      },
    ],
  },
})
