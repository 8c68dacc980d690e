// Learner-facing words for storage trouble: what happened and what to do. The UI shows them as they are.
import type { StoreCloseReason } from './app-db'

function errorName(error: unknown): string | undefined {
  return error instanceof Error || error instanceof DOMException ? error.name : undefined
}

function errorDetail(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * The warning for running on the in-memory store because IndexedDB could not be opened (`error` is why;
 * undefined when the browser has no IndexedDB at all).
 */
export function storageUnavailableMessage(error: unknown): string {
  switch (errorName(error)) {
    case 'VersionError':
      return (
        'Your saved work was stored by a newer version of AuthLab, so this copy of the page cannot open it. ' +
        'Work in this tab is kept only until you close it. Reload the page to get the newer version; ' +
        'your saved work is untouched.'
      )
    case 'QuotaExceededError':
      return (
        'Your browser has no storage space left for this site: work is kept only until you close this tab. ' +
        "Free up disk space or clear other sites' data, then reload."
      )
    default:
      return (
        'Your browser blocked storage: work is kept only until you close this tab. ' +
        'This happens in private windows and when site data is turned off. ' +
        'To keep your work, allow site data for this page or open it in a normal window.'
      )
  }
}

/** Why a save failed and what the learner can do; the unsaved text stays in the tab (and its journal). */
export function describeStorageError(error: unknown): string {
  switch (errorName(error)) {
    case 'QuotaExceededError':
      return (
        "Couldn't save: your browser's storage for this site is full. Your latest changes are kept in this " +
        "tab for now. Free up disk space or clear other sites' data; AuthLab tries again on your next edit."
      )
    case 'InvalidStateError':
      return (
        "Couldn't save: AuthLab's storage was closed, usually because AuthLab was updated in another tab. " +
        'Reload this tab to keep saving.'
      )
    default:
      return (
        `Couldn't save your changes (${errorDetail(error)}). They are kept in this tab; ` +
        'AuthLab tries again on your next edit.'
      )
  }
}

/** Shown while opening waits for another tab (`onBlocked`). */
export const storageBlockedMessage =
  'AuthLab is open in another tab that runs an older version, and it is holding your saved work. ' +
  'Close or reload the other AuthLab tabs to continue.'

/** Shown after the store closed by itself (`onClose`). */
export function storageClosedMessage(reason: StoreCloseReason): string {
  return reason === 'versionchange'
    ? 'AuthLab was updated in another tab, so this tab stopped saving. Reload this tab to continue.'
    : "The browser closed AuthLab's storage (site data cleared or a disk problem). Reload this tab to keep saving."
}
