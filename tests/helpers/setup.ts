// Loaded before every Vitest file: Dexie needs an IndexedDB, and Node has none.
// fake-indexeddb is the in-memory implementation the Dexie project itself tests with.
import 'fake-indexeddb/auto';
