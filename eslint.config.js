// Lint: typescript-eslint, strict-ish, plus the one architectural rule that matters most —
// imports flow protocols ← src ← {coordinator, peer, client}; the roles never import each other
// (bin/main.ts, tests and scripts compose them).
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// protons output is generated and checked against the .proto files by `npm run proto:check`
const generated = readdirSync('protocols').filter(f => f.endsWith('.proto')).map(f => `protocols/${f.replace(/\.proto$/, '.ts')}`)

const forbid = (...groups) => ({
  'no-restricted-imports': ['error', {
    patterns: groups.map(g => ({ group: [`**/${g}/**`, `**/${g}`], message: `this layer may not import ${g}/ (imports flow protocols ← src ← {coordinator, peer, client}; roles never import each other)` }))
  }]
})

export default tseslint.config(
  { ignores: ['node_modules/**', ...generated] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', performance: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-console': 'error'
    }
  },
  { files: ['protocols/**'], rules: forbid('src', 'coordinator', 'peer', 'client') },
  { files: ['src/**'], rules: forbid('coordinator', 'peer', 'client') },
  { files: ['coordinator/**'], rules: forbid('peer', 'client') },
  { files: ['peer/**'], rules: forbid('coordinator', 'client') },
  { files: ['client/**'], rules: forbid('coordinator', 'peer') },
  // the browser pages: bundled with esbuild, they may use src/model (the validator) and nothing of the roles
  { files: ['web/**'], languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly', fetch: 'readonly', EventSource: 'readonly', TextEncoder: 'readonly', Blob: 'readonly', HTMLElement: 'readonly', FileReader: 'readonly', globalThis: 'readonly' } }, rules: forbid('coordinator', 'peer', 'client') },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // the CLI's output module is the one place that talks to the console; scripts print their results
  { files: ['src/cli/output.ts', 'scripts/**'], rules: { 'no-console': 'off' } }
)
