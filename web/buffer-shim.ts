/**
 * The model validator (src/model) measures a definition's UTF-8 size with node's Buffer; in the
 * browser the same measure comes from TextEncoder, so the builder runs the validator unchanged.
 */
declare global {
  var Buffer: { byteLength: (s: string, encoding: 'utf8') => number }
}

globalThis.Buffer ??= { byteLength: (s: string) => new TextEncoder().encode(s).byteLength }

export {}
