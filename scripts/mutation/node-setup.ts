// Setup of the hidden suites under Node for mutation testing: Node 20 already has Web Crypto, TextEncoder,
// atob/btoa and the Fetch API's Request/Response as globals; IndexedDB it lacks, so an in-memory one stands in.
import 'fake-indexeddb/auto'
