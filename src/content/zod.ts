// zod, set up for this app: zod compiles fast parsers with `new Function`, which the app's Content-Security-Policy
// forbids, and its probe for eval (run when the first object schema is built) is itself a reported violation.
// Every module that builds a schema takes `z` from here, so the setting is in place before the first schema
// exists, whichever of them loads first (the passport's and the share link's load in a chunk of their own).
import { z } from 'zod'

z.config({ jitless: true })

export { z }
