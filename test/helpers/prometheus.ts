/**
 * Scrapes a daemon's /metrics and parses it with a Prometheus text-format parser (the
 * prom2json-compatible `parse-prometheus-text-format`), then reads one sample by name and labels.
 */
// @ts-expect-error the package ships no type declarations; its shape is declared below
import parsePrometheusTextFormat from 'parse-prometheus-text-format'

export interface Sample { value?: string, labels?: Record<string, string>, count?: string, sum?: string, buckets?: Record<string, string> }
export interface Family { name: string, help: string, type: string, metrics: Sample[] }

const parse = parsePrometheusTextFormat as (text: string) => Family[]

export async function scrape (url: string, token?: string): Promise<Map<string, Family>> {
  const res = await fetch(`${url}/metrics`, token != null ? { headers: { authorization: `Bearer ${token}` } } : {})
  if (res.status !== 200) throw new Error(`${url}/metrics: HTTP ${res.status}`)
  if (!(res.headers.get('content-type') ?? '').startsWith('text/plain')) throw new Error(`${url}/metrics: content type ${res.headers.get('content-type')}`)
  return new Map(parse(await res.text()).map(f => [f.name, f]))
}

/**
 * a counter's or gauge's value (0 when the labelled sample is absent), a histogram's count: the
 * parser folds a histogram with labels into its buckets, whose +Inf bucket is the count
 */
export function value (m: Map<string, Family>, name: string, labels: Record<string, string> = {}): number {
  const f = m.get(name)
  if (f == null) throw new Error(`no metric family ${name}`)
  const s = f.metrics.find(x => Object.entries(labels).every(([k, v]) => x.labels?.[k] === v))
  if (s == null) return 0
  if (f.type === 'HISTOGRAM') return Number(s.count ?? s.buckets?.['+Inf'])
  return Number(f.type === 'SUMMARY' ? s.count : s.value)
}
