import { join } from 'node:path'
import { build } from 'vite'
import { graderWorkerDir, graderWorkerName } from './grader-worker-bundle'

// Global setup of the child run (targets.config.ts): builds the app's grader worker once, with the app's Vite
// config, as the built app ships it. Every grader run starts a fresh worker; loading one bundled file takes a
// fraction of the CPU that loading the worker's modules one by one from the dev server does, which the child run
// would otherwise pay well over a hundred times.
export default async function setup() {
  const root = join(import.meta.dirname, '../..')
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: {
      outDir: graderWorkerDir,
      emptyOutDir: true,
      copyPublicDir: false,
      lib: { entry: 'src/grader/worker.ts', formats: ['es'], fileName: graderWorkerName },
      rolldownOptions: { output: { chunkFileNames: `${graderWorkerName}-[name]-[hash].js` } },
    },
  })
}
