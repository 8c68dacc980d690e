import type { VitePWAOptions } from 'vite-plugin-pwa'

/**
 * Offline and installable: Workbox's generateSW precaches every built file, the ~7 MB TypeScript worker
 * included (a chunk left out of the precache breaks the cached app after the next deploy). `prompt`: a new
 * version waits until the learner chooses to reload (src/ui/update-prompt.ts). Paths are relative to Vite's
 * `base`, so a build with `--base /authlab/` gets its scope, precache and manifest under that path.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'prompt',
  // src/offline/register.ts registers it from the app's own module: no inline script under the CSP
  injectRegister: false,
  // the glob below already takes every icon; listing them again would duplicate precache entries
  includeManifestIcons: false,
  manifest: {
    name: 'AuthLab',
    short_name: 'AuthLab',
    description: 'Learn user authentication by building it, graded in your browser. Works offline.',
    id: './',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#4f46e5',
    background_color: '#f7f7fb',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ttf,woff2}'],
    // the TypeScript worker is about 7 MB raw; the precache refuses anything over 2 MiB by default
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    // deep links are #/exercise fragments; any other path under the scope gets the app shell
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    // the first install controls the open page at once (works offline without a reload); a later version
    // still waits for the learner's "Reload" (no skipWaiting)
    clientsClaim: true,
  },
}
