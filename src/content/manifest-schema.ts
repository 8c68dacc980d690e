import { z } from './zod.ts'

/** An exercise id doubles as its folder name and its deep link (`#/simple-jwt`). */
export const exerciseIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be kebab-case, like "simple-jwt"')
  .describe('Kebab-case id; equals the folder name under exercises/ and solutions/.')

/** A file name inside an exercise folder; learners see it as a tab and import it as `./Name`. */
const fileNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*\.ts$/, 'must be a plain .ts file name, like "SimpleJWT.ts"')
  .describe('A .ts file name inside the exercise folder, without directories.')

const editableFileSchema = z
  .object({
    path: fileNameSchema,
    role: z
      .literal('editable')
      .describe('The learner writes this file; it starts from the starter in the folder.'),
  })
  .strict()
  .describe(
    'A file the learner edits. The starter lives in exercises/<id>/, the reference in solutions/<id>/.',
  )

const providedFileSchema = z
  .object({
    path: fileNameSchema,
    role: z.literal('provided').describe('Shown read-only; the same for every learner.'),
    from: exerciseIdSchema
      .optional()
      .describe("Provided files: take it from that exercise's folder instead of keeping a copy in this one."),
  })
  .strict()
  .describe('A read-only helper file shipped with the exercise, such as UserStore.ts.')

const carriedFileSchema = z
  .object({
    path: fileNameSchema,
    role: z
      .literal('carried')
      .describe(
        "The learner's own file from an earlier exercise; CI uses that exercise's reference solution. From an earlier chapter, the app shows the reference solution until the learner passes that exercise.",
      ),
    from: exerciseIdSchema.describe('Carried files: the earlier exercise whose editable file this is.'),
  })
  .strict()
  .describe("A file carried over from an earlier exercise, e.g. the learner's PasswordManager.ts.")

export const exerciseFileSchema = z
  .discriminatedUnion('role', [editableFileSchema, providedFileSchema, carriedFileSchema])
  .describe('One file of the exercise as the learner sees it.')

const testFileSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*\.test\.ts$/, 'must be a .test.ts file name, like "SimpleJWT.test.ts"')

/** The part of the course an exercise belongs to; the exercise list groups exercises by it. */
export const chapterSchema = z
  .object({
    number: z
      .number()
      .int()
      .positive()
      .describe(
        'Chapter number: 1 "Build", 2 "Harden", 3 "Break it, then fix it"; chapters are listed by it.',
      ),
    title: z
      .string()
      .min(1)
      .max(60)
      .describe('Chapter title; every exercise of one chapter number must give the same title.'),
  })
  .strict()
  .describe('The chapter this exercise belongs to.')

/** An npm package a learner file may import; the grader links only these. */
export const allowedImportSchema = z.enum(['idb', 'zod']).describe('A package learner code may import.')

export const manifestSchema = z
  .object({
    $schema: z
      .string()
      .optional()
      .describe('Optional: "../manifest.schema.json", so editors explain every field. The app ignores it.'),
    id: exerciseIdSchema,
    title: z.string().min(1).max(80).describe('Title shown in the exercise list and above the lesson.'),
    summary: z.string().min(1).max(300).describe('One or two sentences saying what the learner builds.'),
    order: z
      .number()
      .int()
      .positive()
      .describe('Position in the course; exercises are listed by this number, across chapters.'),
    chapter: chapterSchema,
    lesson: z
      .string()
      .regex(/\.md$/, 'must name a markdown file')
      .default('lesson.md')
      .describe('Markdown file with the lesson text for this step.'),
    files: z
      .array(exerciseFileSchema)
      .min(1)
      .describe('Files shown as editor tabs, in tab order; at least one must be editable.'),
    suite: z
      .array(testFileSchema)
      .min(1)
      .describe('Hidden test files (Vitest API). Learners see test names and messages, never this code.'),
    examples: z
      .array(testFileSchema)
      .default([])
      .describe('Visible example tests the learner may read and run; not graded.'),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe('Progressive hints in markdown, revealed one at a time, vaguest first.'),
    timeBudgetMs: z
      .number()
      .int()
      .min(500)
      .max(60_000)
      .describe('Wall-clock budget for one run of the hidden suite; past it the run is stopped.'),
    allowedImports: z
      .array(allowedImportSchema)
      .default([])
      .describe('Packages learner and provided files may import besides ./Name files of the exercise.'),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    if (!manifest.files.some((file) => file.role === 'editable')) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'must contain at least one editable file' })
    }
    const seen = new Set<string>()
    manifest.files.forEach((file, index) => {
      if (seen.has(file.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', index, 'path'],
          message: `"${file.path}" is listed twice`,
        })
      }
      seen.add(file.path)
    })
  })
  .describe(
    'exercises/<id>/exercise.json: everything the app, the grader and CI need to know about one exercise.',
  )

export type Manifest = z.infer<typeof manifestSchema>
export type ExerciseFile = z.infer<typeof exerciseFileSchema>
export type FileRole = ExerciseFile['role']
