declare module 'virtual:authlab/references' {
  /** Reference solutions of the files carried into a later chapter, keyed `solutions/<id>/<file>`. */
  const references: Readonly<Record<string, string>>
  export default references
}
