import { createHash } from 'node:crypto'
import DOMPurify from 'dompurify'
import type { HtmlTagDescriptor, Plugin } from 'vite'
import { loadCatalogue } from '../../src/content/catalogue.ts'
import { lessonOpeningEnd, lessonOpeningTemplateId } from '../../src/content/lesson-opening.ts'
import { renderLesson } from '../../src/ui/render-markdown.ts'
import { exerciseIdFromHash } from '../../src/ui/router.ts'
import { readContentSources } from './content-sources.ts'

/**
 * The one inline script of index.html. It sits in the head, before the stylesheet, so the parser never waits
 * for the stylesheet to run it; when parsing ends (readyState "interactive", before any module runs) it puts
 * the routed exercise's opening (or the first exercise's, as the app does for an address naming none) into
 * #lesson-body and marks it `data-opening`. The lesson so paints with the page's first frame instead of after
 * the app's entry chunk has been fetched and run (src/ui/lesson-view.ts keeps those nodes). Placed after the
 * lesson column, the script waited for the stylesheet, and some fresh loads drew a frame as soon as the
 * stylesheet came, before the parser ran the script: their lesson painted only after the entry chunk, at
 * 300-450 ms instead of ~150. The address is read with the router's own function and the template found by the
 * lesson view's own id, so the script, the router and the view always agree.
 */
export const paintOpeningScript = `document.addEventListener('readystatechange', () => {
  const exerciseIdFromHash = ${exerciseIdFromHash.toString()}
  const lessonOpeningTemplateId = ${lessonOpeningTemplateId.toString()}
  const opening =
    document.getElementById(lessonOpeningTemplateId(exerciseIdFromHash(location.hash))) ??
    document.querySelector('template[data-lesson-opening]')
  const body = document.getElementById('lesson-body')
  if (!opening || !body) return
  body.replaceChildren(opening.content.cloneNode(true))
  body.dataset.opening = opening.dataset.lessonOpening
}, { once: true })`

/** The Content-Security-Policy source that lets `paintOpeningScript`, and no other inline script, run. */
export const paintOpeningScriptSource = `'sha256-${createHash('sha256').update(paintOpeningScript).digest('base64')}'`

/**
 * The tags index.html gets: the script, first in the head (before any stylesheet), and each exercise's opening
 * (src/content/lesson-opening.ts) rendered exactly as the lesson view renders it (the same marked, DOMPurify and
 * link hardening, on jsdom), as a `<template>` in the head: about 2.5 kB of HTML per lesson, and the only copy
 * of the openings the app has (the lesson view clones them when the learner switches lessons).
 */
export async function lessonOpeningTags(root: string): Promise<HtmlTagDescriptor[]> {
  // jsdom takes a few hundred ms to load: only when index.html is built or served, not whenever Vite starts
  const { JSDOM } = await import('jsdom')
  const { window } = new JSDOM('')
  const purifier = DOMPurify(window)
  const { exercises } = loadCatalogue(readContentSources(root))
  const templates = await Promise.all(
    exercises.map(async (exercise): Promise<HtmlTagDescriptor> => {
      const lesson = await exercise.lesson()
      const opening = lesson.slice(0, lessonOpeningEnd(lesson))
      return {
        tag: 'template',
        attrs: { id: lessonOpeningTemplateId(exercise.id), 'data-lesson-opening': exercise.id },
        children: renderLesson(opening, window.document, purifier).innerHTML,
        injectTo: 'head',
      }
    }),
  )
  window.close()
  return [{ tag: 'script', children: paintOpeningScript, injectTo: 'head-prepend' }, ...templates]
}

/** Adds the openings and their script to the app's index.html (not to pages without #lesson-body, as Vitest's). */
export function lessonOpenings(root: string): Plugin {
  return {
    name: 'authlab-lesson-openings',
    transformIndexHtml: (html) => (html.includes('id="lesson-body"') ? lessonOpeningTags(root) : undefined),
  }
}
