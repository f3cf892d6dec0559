/**
 * A line chart (uPlot) of x → several series, redrawn when its points change. The element carries
 * the number of points it shows (`data-points`) and an accessible description of the latest values.
 */
import { h } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import htm from 'htm'
import uPlot from 'uplot'

const html = htm.bind(h)

export interface SeriesSpec { label: string, color: string, /** a second y scale on the right */ right?: boolean }

export interface ChartProps {
  title: string
  xLabel: string
  series: SeriesSpec[]
  /** rows of [x, y1, y2, …] */
  points: Array<Array<number | null>>
  testId: string
}

function columns (points: Array<Array<number | null>>, n: number): uPlot.AlignedData {
  const cols: Array<Array<number | null>> = Array.from({ length: n + 1 }, () => [])
  for (const p of points) for (let i = 0; i <= n; i++) cols[i]?.push(p[i] ?? null)
  return cols as uPlot.AlignedData
}

export function Chart (props: ChartProps): ReturnType<typeof html> {
  const el = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  const n = props.series.length
  useEffect(() => {
    const target = el.current
    if (target == null) return
    const width = Math.max(260, target.clientWidth)
    const opts: uPlot.Options = {
      title: props.title,
      width,
      height: 220,
      scales: { x: { time: false }, y: {}, r: {} },
      series: [{ label: props.xLabel }, ...props.series.map(s => ({ label: s.label, stroke: s.color, width: 2, scale: s.right === true ? 'r' : 'y', spanGaps: true }))],
      axes: [{ label: props.xLabel }, { scale: 'y' }, ...(props.series.some(s => s.right === true) ? [{ scale: 'r', side: 1 as const, grid: { show: false } }] : [])]
    }
    plot.current = new uPlot(opts, columns(props.points, n), target)
    const resize = (): void => { plot.current?.setSize({ width: Math.max(260, target.clientWidth), height: 220 }) }
    window.addEventListener('resize', resize)
    return () => { window.removeEventListener('resize', resize); plot.current?.destroy(); plot.current = null }
  }, [])
  useEffect(() => { plot.current?.setData(columns(props.points, n)) }, [props.points, props.points.length])
  const last = props.points.at(-1)
  const summary = last == null
    ? `${props.title}: no points yet`
    : `${props.title}: ${props.points.length} points; latest ${props.series.map((s, i) => `${s.label} ${last[i + 1]?.toFixed(4) ?? '–'}`).join(', ')}`
  return html`<figure class="chart" role="img" aria-label=${summary} data-testid=${props.testId} data-points=${props.points.length}>
    <div ref=${el}></div>
  </figure>`
}

/** a tiny SVG line of the last values (0–100), with its latest value as its label */
export function Sparkline (props: { label: string, values: Array<number | null>, max?: number }): ReturnType<typeof html> {
  const vs = props.values.filter((v): v is number => v != null && Number.isFinite(v))
  const max = props.max ?? Math.max(1, ...vs)
  const w = 80; const hgt = 20
  const pts = vs.map((v, i) => `${vs.length <= 1 ? 0 : (i / (vs.length - 1)) * w},${hgt - (Math.min(v, max) / max) * hgt}`).join(' ')
  const latest = vs.at(-1)
  return html`<span class="spark" title=${props.label}>
    <svg width=${w} height=${hgt} viewBox="0 0 ${w} ${hgt}" role="img" aria-label="${props.label}: ${latest == null ? 'no data' : latest.toFixed(0)}"><polyline points=${pts} fill="none" stroke="currentColor" stroke-width="1.5" /></svg>
    <small>${props.label} ${latest == null ? '–' : latest.toFixed(0)}</small>
  </span>`
}
