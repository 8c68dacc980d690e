/**
 * Where a lesson's opening ends: the start of its second `## ` section outside a code fence, or the end. Lessons
 * open with a short introduction and "To pass, you need", which fill the first screen; index.html carries that
 * much of every lesson, rendered, so the routed one paints without waiting for a script or a fetch.
 */
export function lessonOpeningEnd(markdown: string): number {
  let fenced = false
  let sections = 0
  let offset = 0
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced && line.startsWith('## ') && ++sections === 2) return offset
    offset += line.length + 1
  }
  return markdown.length
}

/** The id of the `<template>` in index.html that holds an exercise's rendered opening. */
export const lessonOpeningTemplateId = (exerciseId: string): string => `lesson-opening-${exerciseId}`
