import { join } from 'node:path'
import { type Browser, chromium } from 'playwright'
import { createServer, type ViteDevServer } from 'vite'
import type { RunInput, RunLimits, RunOutcome } from '../../src/grader/client'
import { chromiumArgs } from './chromium'

/** The app's grader worker in headless Chromium, driven from Node. */
export interface BrowserGrader {
  /** Grades one set of files, exactly as the app's Run button does. */
  grade(input: RunInput, options: Pick<RunLimits, 'budgetMs'>): Promise<RunOutcome>
  close(): Promise<void>
}

/** Chromium could not be started; the message is one line. */
export class BrowserLaunchError extends Error {
  override readonly name = 'BrowserLaunchError'
}

const pagePath = '/scripts/grade-page/index.html'

/**
 * Serves the grading page with the app's Vite config on 127.0.0.1 (a free port, no HMR) and opens it in
 * headless Chromium at `executablePath`. Its own dependency cache, so a running `npm run dev` is not disturbed.
 */
export async function createBrowserGrader(root: string, executablePath: string): Promise<BrowserGrader> {
  let server: ViteDevServer | undefined
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await server?.close()
  }
  try {
    try {
      browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true })
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]
      throw new BrowserLaunchError(`Could not start Chromium at ${executablePath}: ${reason}`)
    }
    server = await createServer({
      root,
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      cacheDir: join(root, 'node_modules/.vite-grade'),
      // found up front, so the optimiser never reloads the page halfway through a run
      optimizeDeps: { entries: [pagePath.slice(1), 'src/grader/worker.ts'] },
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    })
    await server.listen()
    const base = server.resolvedUrls?.local[0]
    if (!base) throw new Error('the Vite server reported no address')
    const page = await browser.newPage()
    await page.goto(new URL(pagePath, base).href)
    await page.waitForFunction(() => typeof window.authlabGrade === 'function')
    return {
      grade: (input, { budgetMs }) =>
        page.evaluate(
          ({ input, budgetMs }) => {
            const grade = window.authlabGrade
            if (!grade) throw new Error('the grading page did not load')
            return grade(input, { budgetMs })
          },
          { input, budgetMs },
        ),
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
