/**
 * The browser code, bundled with esbuild when a daemon first serves it (a few hundred ms, once per
 * process) and kept in memory: nothing is fetched from another host at run time, and nothing built
 * is committed. The pages are small shells that load one bundle each; a token the page was opened
 * with is carried on its asset URLs, since every request is checked.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { CyxwizError } from '../errors.js'

const WEB = fileURLToPath(new URL('../../web/', import.meta.url))

/** the pages, by bundle name */
export type Page = 'dashboard' | 'builder'

export interface Asset { body: Uint8Array, type: string }

let bundles: Promise<Map<string, Asset>> | undefined

/** every bundle, built once per process */
export async function assets (): Promise<Map<string, Asset>> {
  bundles ??= buildAll().catch((err: unknown) => {
    bundles = undefined
    throw new CyxwizError('ERR_HTTP', `the web bundle did not build: ${(err as Error).message}`, { cause: err })
  })
  return await bundles
}

async function buildAll (): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { dashboard: `${WEB}dashboard.ts`, builder: `${WEB}builder.ts` },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    // the browsers of the last few years: module scripts, EventSource, CSS grid
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    outdir: '/out',
    logLevel: 'silent'
  })
  const out = new Map<string, Asset>()
  for (const f of result.outputFiles) {
    const name = f.path.replace(/^.*\//, '')
    out.set(name, { body: f.contents, type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8' })
  }
  return out
}

const TITLES: Record<Page, string> = { dashboard: 'CyxWiz dashboard', builder: 'CyxWiz model builder' }

/** the HTML shell of a page; `token` is the one the request was let in with */
export function pageHtml (page: Page, token: string | undefined): string {
  const q = token != null && token !== '' ? `?token=${encodeURIComponent(token)}` : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLES[page]}</title>
<link rel="stylesheet" href="/assets/${page}.css${q}">
</head>
<body>
<div id="app"><p>Loading…</p></div>
<script type="module" src="/assets/${page}.js${q}"></script>
</body>
</html>
`
}

/** the pages' policy: their own origin only (offline by construction); uPlot sets inline styles */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
