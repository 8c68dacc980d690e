// The storage layer's public API; the UI imports from here.
export {
  type OpenAppStoreOptions,
  openAppStore,
  type StoreBlockedEvent,
  type StoreCloseReason,
} from './app-db'
export {
  type AppStore,
  type Draft,
  type Drafts,
  defaultSettings,
  type ExerciseProgress,
  emptyDump,
  HISTORY_LIMIT,
  HISTORY_SPACING_MS,
  type HistorySnapshot,
  type ProgressDump,
  type RunningMark,
  type RunSummary,
  type SaveDraftResult,
  type Settings,
  type StoredDraft,
  type StoredSnapshot,
  summaryVerdict,
  type TestState,
  type TestSummary,
  toRunSummary,
} from './app-store'
export { DEFAULT_JOURNAL_PREFIX, type JournalOptions } from './draft-journal'
export {
  createDraftSaver,
  type DraftOverwrite,
  type DraftSaver,
  type DraftSaverOptions,
  type DraftSaveStatus,
  type RecoveredDraft,
  recoverJournal,
  type SavedDraft,
} from './draft-saver'
export { createDraftSync, type DraftSync, type RemoteSave } from './draft-sync'
export {
  createMemoryStore,
  type MemoryStoreOptions,
  type OpenedStore,
  openAppStoreOrFallback,
} from './memory-store'
export {
  describeStorageError,
  storageBlockedMessage,
  storageClosedMessage,
  storageUnavailableMessage,
} from './storage-messages'
