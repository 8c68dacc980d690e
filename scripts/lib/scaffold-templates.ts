/**
 * The files `npm run exercise:new` writes. A small but complete example (a password-length rule that must
 * count characters, not UTF-16 code units) so the scaffold passes `exercise:check` as it stands, and every
 * file shows, in comments, what the author replaces and why.
 */

import { createTwoFilesPatch } from 'diff'

/** Names derived from an exercise id. */
export interface ScaffoldNames {
  /** Kebab-case id, e.g. `rate-limiter`. */
  readonly id: string
  /** The class and its file name, e.g. `RateLimiter` in `RateLimiter.ts`. */
  readonly className: string
  /** Placeholder title, e.g. `Rate limiter`. */
  readonly title: string
  /** Position after every existing exercise. */
  readonly order: number
  /** The chapter of the last existing exercise (a new exercise joins the course's last chapter). */
  readonly chapter: { readonly number: number; readonly title: string }
}

/** `rate-limiter` -> `RateLimiter`. */
export const classNameOf = (id: string) =>
  id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/** `rate-limiter` -> `Rate limiter`. */
export const titleOf = (id: string) => {
  const words = id.replace(/-/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** exercises/<id>/exercise.json. JSON has no comments: `$schema` gives editors each field's description. */
export function manifestTemplate({ id, className, title, order, chapter }: ScaffoldNames): string {
  const manifest = {
    $schema: '../manifest.schema.json',
    id,
    title,
    summary: `TODO: one or two sentences saying what the learner builds in ${id}.`,
    order,
    chapter,
    lesson: 'lesson.md',
    files: [{ path: `${className}.ts`, role: 'editable' }],
    suite: [`${className}.test.ts`],
    examples: [`${className}.example.test.ts`],
    hints: [
      'Count what a person would call characters: a string has a `length` in UTF-16 code units, and an emoji is two of them.',
      'Almost a recipe: `[...password].length` counts code points; compare it with `minimum`.',
    ],
    timeBudgetMs: 5000,
    allowedImports: [],
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** exercises/<id>/lesson.md: what the learner reads. */
export function lessonTemplate({ className, title }: ScaffoldNames): string {
  return `# ${title}

<!-- Author: this lesson is what the learner reads beside the editor. Replace the example below with yours:
     say why the step matters, what to build (the contract, exactly), the traps, and how it is checked. -->

A sign-up form has to refuse passwords that are too short. "Too short" is about **characters**, as a person
counts them, and JavaScript strings do not count that way: \`length\` counts UTF-16 code units, so \`'🔑'.length\`
is 2. NIST SP 800-63B asks for each Unicode code point to count as one character.

## What to build

In \`${className}.ts\`, the method \`isLongEnough(password, minimum = 12)\` of the class \`${className}\`:

- returns \`true\` when \`password\` has at least \`minimum\` characters, counting each code point once;
- returns \`false\` otherwise, including for the empty string.

\`\`\`ts
new ${className}().isLongEnough('correct horse') // true: 13 characters
new ${className}().isLongEnough('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑', 12) // false: 11 characters, though length is 22
\`\`\`

## How it is checked

Press **Run**: a hidden suite tests your file in your browser. Each failing test says what it expected and
what it got. The example tests in \`${className}.example.test.ts\` show the style; you may read and run them.
`
}

/** exercises/<id>/<Class>.ts: the starter the learner edits. */
export function starterTemplate({ className }: ScaffoldNames): string {
  return `// Author: the starter is what the learner starts from. Keep the exported names and signatures the hidden
// suite imports, and leave the bodies as TODOs that throw, so the starter fails the suite (exercise:check
// checks that it does) and a Run shows which test to work on first.

/** Checks passwords against a minimum length. */
export class ${className} {
  /** Whether \`password\` has at least \`minimum\` characters, each Unicode code point counted once. */
  isLongEnough(password: string, minimum = 12): boolean {
    // TODO: count the characters of \`password\` (not its UTF-16 length) and compare with \`minimum\`
    throw new Error('Not implemented yet: isLongEnough — see the lesson')
  }
}
`
}

/** solutions/<id>/<Class>.ts: the reference, which must pass every hidden test. */
export function solutionTemplate({ className }: ScaffoldNames): string {
  return `// Author: the reference solution. exercise:check runs the hidden suite on it natively and through the grader
// (3 times, within timeBudgetMs): every test must pass. npm run mutation mutates it to find weak tests.

/** Checks passwords against a minimum length. */
export class ${className} {
  /** Whether \`password\` has at least \`minimum\` characters, each Unicode code point counted once. */
  isLongEnough(password: string, minimum = 12): boolean {
    // spreading a string walks code points, so an emoji (two UTF-16 units) counts once
    return [...password].length >= minimum
  }
}
`
}

/**
 * solutions/<id>/decoys/utf16-length.patch: a plausible wrong answer the suite must reject, as its mistake
 * against the reference solution plus the test that must catch it.
 */
export function decoyTemplate(names: ScaffoldNames): string {
  const reference = solutionTemplate(names)
  const wrong = reference.replace(
    /\n *\/\/ spreading a string[^\n]*\n( *)return \[\.\.\.password\]\.length/,
    '\n$1return password.length',
  )
  const file = `${names.className}.ts`
  const diff = createTwoFilesPatch(`a/${file}`, `b/${file}`, reference, wrong, undefined, undefined, {
    context: 3,
  })
  return `# Author: a decoy is a plausible wrong solution, the mistake a learner is likely to make, written as a
# patch against the reference solution. Header lines: "mistake:" says what is wrong, each "caughtBy:" names a
# hidden test (describe titles and test title joined with " > ") of which at least one must fail. exercise:check
# fails when the patch no longer applies, when the suite passes the decoy, or when no caughtBy test fails.
# Make one with: diff -u solutions/<id>/File.ts edited/File.ts, then set the file lines to a/File.ts, b/File.ts.
# Publish with at least 5.
mistake: Counts UTF-16 code units with password.length, so an emoji counts as two characters.
caughtBy: isLongEnough > counts an emoji as one character, not two UTF-16 code units

${diff.slice(diff.indexOf('--- '))}`
}

/** exercises/<id>/<Class>.test.ts: the hidden suite. */
export function suiteTemplate({ className }: ScaffoldNames): string {
  return `// Author: the hidden suite. Learners never see this code, only each test's name and failure message, so:
// - name a test after the behaviour the learner must produce, in their words ("counts an emoji as one
//   character"), not after an implementation detail;
// - give every expect() a message that says what was expected and what to change;
// - one behaviour per test, so the first red test tells the learner what to do next.
// Imports: 'vitest', the exercise's own files as './Name', and the allowed packages. Runs in the browser.
import { describe, expect, it } from 'vitest'
import { ${className} } from './${className}'

const KEY = '\\u{1F511}' // '🔑': one character, two UTF-16 code units

describe('isLongEnough', () => {
  it('accepts a password of exactly the minimum length', () => {
    expect(new ${className}().isLongEnough('a'.repeat(12)), '12 characters meet the default minimum of 12').toBe(true)
  })

  it('rejects a password one character short', () => {
    expect(new ${className}().isLongEnough('a'.repeat(11)), '11 characters are one short of 12').toBe(false)
  })

  it('rejects the empty password', () => {
    expect(new ${className}().isLongEnough(''), 'the empty string has 0 characters').toBe(false)
  })

  it('uses the minimum it is given', () => {
    expect(new ${className}().isLongEnough('abcd', 4), 'isLongEnough("abcd", 4): 4 characters meet 4').toBe(true)
    expect(new ${className}().isLongEnough('abcd', 5), 'isLongEnough("abcd", 5): 4 characters are short of 5').toBe(
      false,
    )
  })

  it('counts an emoji as one character, not two UTF-16 code units', () => {
    expect(
      new ${className}().isLongEnough(KEY.repeat(11)),
      \`11 emoji are 11 characters (though .length is 22): count code points, e.g. [...password].length\`,
    ).toBe(false)
  })
})
`
}

/** exercises/<id>/<Class>.example.test.ts: a visible example the learner may read and run; not graded. */
export function exampleTemplate({ className }: ScaffoldNames): string {
  return `// Author: optional visible examples, listed under "examples" in exercise.json. Learners can read and run them;
// they are not graded. Show the style of the hidden suite without giving it away.
import { expect, it } from 'vitest'
import { ${className} } from './${className}'

it('accepts a long passphrase', () => {
  expect(new ${className}().isLongEnough('correct horse battery staple')).toBe(true)
})
`
}
