/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker that vite-plugin-pwa generates (precache of the whole app) and feeds its
// events to the update prompt. On the dev server the plugin's registerSW does nothing.
import type { UpdatePrompt } from '../ui/update-prompt'

/** Starts offline support; resolves once registration was attempted (it never throws). */
export async function startOfflineSupport(prompt: UpdatePrompt): Promise<void> {
  // not `import.meta.env.PROD`: a build made inside Vitest (the e2e set-up) has NODE_ENV=test, so PROD is false
  if (!('serviceWorker' in navigator)) return
  const { registerSW } = await import('virtual:pwa-register')
  const activate = registerSW({
    onNeedRefresh: () => prompt.offer(() => activate()),
    onNeedReload: () => prompt.controlling(),
    onOfflineReady: () => prompt.offlineReady(),
  })
}
