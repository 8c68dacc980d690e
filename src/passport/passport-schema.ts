// The progress passport file: one JSON document with everything of the learner's, validated by zod on import.
import { z } from '../content/zod'

/** The `format` value that marks a file as an AuthLab passport. */
export const PASSPORT_FORMAT = 'authlab-passport'

/** The passport version this code writes and reads. */
export const PASSPORT_VERSION = 1

const text = z.string().max(1_000_000)
const time = z.number().int().nonnegative().describe('ms since the epoch')
const exerciseId = z.string().min(1).max(100).describe('The exercise id, e.g. "simple-jwt".')
const path = z.string().min(1).max(200).describe('The file name, e.g. "SimpleJWT.ts".')

const testSummarySchema = z
  .object({
    name: z.string().describe('Full test name.'),
    state: z.enum(['pass', 'fail', 'skip']).describe('How the test ended.'),
    message: z.string().optional().describe('The failure message, for failed tests.'),
  })
  .strict()

const runSummarySchema = z
  .object({
    passed: z.number().int().nonnegative().describe('Tests that passed.'),
    total: z.number().int().nonnegative().describe('Tests in the suite.'),
    failed: z.number().int().nonnegative().describe('Tests that failed.'),
    at: time.describe('When the run finished.'),
    tests: z.array(testSummarySchema).describe('Every test of the run.'),
    problems: z.array(z.string()).optional().describe('Why the run as a whole did not count, one line each.'),
    typeErrors: z
      .array(
        z
          .object({
            path: z.string().describe('File name.'),
            line: z.number().int().describe('1-based line.'),
            column: z.number().int().describe('1-based column.'),
            message: z.string().describe("The compiler's message."),
          })
          .strict(),
      )
      .optional()
      .describe('Type errors in the editable files when it ran.'),
  })
  .strict()
  .describe('A last result as the exporting browser saw it; never trusted: imported code is graded again.')

export const passportSchema = z
  .object({
    format: z.literal(PASSPORT_FORMAT).describe('Always "authlab-passport".'),
    version: z.literal(PASSPORT_VERSION).describe('The passport format version.'),
    exportedAt: time.describe('When the file was made.'),
    suites: z
      .record(exerciseId, z.string().regex(/^sha256:[0-9a-f]{64}$/))
      .describe('SHA-256 of each exercise hidden suite in the exporting app: tells when the tests changed.'),
    drafts: z
      .array(
        z
          .object({ exerciseId, path, content: text.describe('The file text.'), updatedAt: time })
          .strict()
          .describe('One saved file.'),
      )
      .describe("The learner's saved files."),
    history: z
      .array(
        z
          .object({ exerciseId, path, content: text.describe('The file text then.'), at: time })
          .strict()
          .describe('One snapshot of a file.'),
      )
      .describe('Earlier versions of the files, oldest first.'),
    results: z.record(exerciseId, runSummarySchema).describe('Last result per exercise.'),
    hints: z.record(exerciseId, z.number().int().nonnegative()).describe('Hints revealed per exercise.'),
    settings: z
      .object({
        theme: z.enum(['light', 'dark', 'system']).optional().describe('Colour theme.'),
        screenReaderMode: z.boolean().optional().describe('Screen reader support in the editor.'),
        fontSize: z.number().int().min(10).max(32).optional().describe('Editor font size.'),
        wordWrap: z.boolean().optional().describe('Soft wrap in the editor.'),
        sidebarHidden: z.boolean().optional().describe('The exercise list is folded away.'),
        lessonHidden: z.boolean().optional().describe('The lesson is folded away.'),
        lessonWidth: z
          .number()
          .int()
          .refine((width) => width === 0 || (width >= 240 && width <= 1200))
          .optional()
          .describe('Lesson column width in CSS pixels; 0 lets the page choose.'),
      })
      .strict()
      .describe('The settings the learner chose.'),
  })
  .strict()
  .describe('An AuthLab progress passport: everything of one learner, to carry to another browser.')

/** A parsed progress passport. */
export type Passport = z.infer<typeof passportSchema>
