/// <reference types="vite-plugin-pwa/vanillajs" />
// Registers the service worker that vite-plugin-pwa generates (precache of the whole app) and feeds its
// events to the update prompt. Only in a build: the dev server has no service worker.
import type { UpdatePrompt } from '../ui/update-prompt'

/** Starts offline support; resolves once registration was attempted (it never throws). */
export async function startOfflineSupport(prompt: UpdatePrompt): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const { registerSW } = await import('virtual:pwa-register')
  const activate = registerSW({
    onNeedRefresh: () => prompt.offer(() => activate()),
    onNeedReload: () => prompt.controlling(),
    onOfflineReady: () => prompt.offlineReady(),
  })
}
