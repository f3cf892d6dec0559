/**
 * The dashboard: money, the network (operator only) and jobs, kept live by the daemon's event
 * stream (/api/events: a snapshot, then every change); a chosen job shows its loss and accuracy
 * curves per batch and per epoch, the chosen peer's score and every other peer's why-not, the
 * verification and the payout with its transaction signature.
 */
import { h, render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import htm from 'htm'
import 'uplot/dist/uPlot.min.css'
import './style.css'
import { getJson, withToken } from './api.js'
import { Chart, Sparkline } from './chart.js'
import { ago, cyx, num, pct, short } from './format.js'
import type { Curves, JobView, MoneyView, NodeView, Snapshot, HardwarePoint } from '../src/http/dashboard-types.js'

const html = htm.bind(h)

interface Detail { job: JobView, curves: Curves }

function App (): ReturnType<typeof html> {
  const [snap, setSnap] = useState<Snapshot | null>(null)
  const [live, setLive] = useState<'connecting' | 'live' | 'reconnecting'>('connecting')
  const [selected, setSelected] = useState<string | null>(null)
  const [detail, setDetail] = useState<Detail | null>(null)

  useEffect(() => {
    const es = new EventSource(withToken('/api/events'))
    es.onopen = () => { setLive('live') }
    es.onerror = () => { setLive('reconnecting') }
    es.addEventListener('snapshot', (e) => { setSnap(JSON.parse((e as MessageEvent<string>).data) as Snapshot); setLive('live') })
    es.addEventListener('nodes', (e) => {
      const d = JSON.parse((e as MessageEvent<string>).data) as { nodes: NodeView[], sparks: Record<string, HardwarePoint[]> }
      setSnap(s => s == null ? s : { ...s, nodes: d.nodes, sparks: d.sparks })
    })
    es.addEventListener('money', (e) => {
      const money = JSON.parse((e as MessageEvent<string>).data) as MoneyView
      setSnap(s => s == null ? s : { ...s, money })
    })
    es.addEventListener('job', (e) => {
      const d = JSON.parse((e as MessageEvent<string>).data) as { job: JobView, point: { batch?: Curves['batch'][number], epoch?: Curves['epoch'][number] } }
      setSnap(s => {
        if (s == null) return s
        const others = s.jobs.filter(j => j.id !== d.job.id)
        return { ...s, jobs: [d.job, ...others].sort((a, b) => b.createdMs - a.createdMs) }
      })
      setDetail(cur => {
        if (cur == null || cur.job.id !== d.job.id) return cur
        const batch = d.point.batch != null ? [...cur.curves.batch, d.point.batch] : cur.curves.batch
        const epoch = d.point.epoch != null ? [...cur.curves.epoch, d.point.epoch] : cur.curves.epoch
        return { job: d.job, curves: { batch, epoch } }
      })
    })
    return () => { es.close() }
  }, [])

  // follow the newest running job until the viewer picks one
  const shown = selected ?? snap?.jobs.find(j => j.state === 'RUNNING')?.id ?? snap?.jobs[0]?.id ?? null
  useEffect(() => {
    if (shown == null) { setDetail(null); return }
    let stale = false
    void getJson<Detail>(`/api/jobs/${encodeURIComponent(shown)}`).then(d => { if (!stale) setDetail(d) }, () => {})
    return () => { stale = true }
  }, [shown])

  if (snap == null) return html`<main><h1>CyxWiz</h1><p role="status">Connecting…</p></main>`
  return html`<main>
    <header>
      <h1>CyxWiz <span class="sub">${snap.access === 'operator' ? 'operator' : 'your jobs'}</span></h1>
      <span class=${`live ${live}`} role="status" aria-live="polite" data-testid="live">${live}</span>
      <nav><a href=${withToken('/builder')}>Model builder</a> · <a href=${withToken('/metrics')}>metrics</a></nav>
    </header>
    <${Money} money=${snap.money} />
    ${snap.access === 'operator' ? html`<${Network} nodes=${snap.nodes} sparks=${snap.sparks} />` : null}
    <${Jobs} jobs=${snap.jobs} shown=${shown} pick=${setSelected} />
    ${detail != null ? html`<${JobDetail} d=${detail} />` : null}
  </main>`
}

function Money (props: { money: MoneyView }): ReturnType<typeof html> {
  const m = props.money
  const tile = (label: string, v: string, id: string): ReturnType<typeof html> =>
    html`<div class="tile"><span class="label" id=${`money-${id}`}>${label}</span><strong aria-labelledby=${`money-${id}`} data-testid=${`money-${id}`}>${cyx(v)}</strong><small>CYXWIZ</small></div>`
  return html`<section aria-labelledby="money-h"><h2 id="money-h">Money</h2>
    <div class="tiles">${tile('In escrow', m.locked, 'locked')}${tile('Paid to peers', m.paid, 'paid')}${tile('Refunded', m.refunded, 'refunded')}${tile('Platform fees', m.fees, 'fees')}</div>
  </section>`
}

function Network (props: { nodes: NodeView[], sparks: Record<string, HardwarePoint[]> }): ReturnType<typeof html> {
  const count = (s: string): number => props.nodes.filter(n => n.status === s).length
  return html`<section aria-labelledby="net-h"><h2 id="net-h">Network</h2>
    <p class="counts" data-testid="node-counts"><span class="ONLINE">${count('ONLINE')} online</span> · <span class="STALE">${count('STALE')} stale</span> · <span class="OFFLINE">${count('OFFLINE')} offline</span></p>
    <div class="scroll"><table>
      <caption class="sr">Peers, their offers and hardware</caption>
      <thead><tr><th scope="col">Peer</th><th scope="col">Status</th><th scope="col">Offer</th><th scope="col">Price / unit</th><th scope="col">Reputation</th><th scope="col">Hardware</th></tr></thead>
      <tbody>${props.nodes.map(n => {
        const s = props.sparks[n.id] ?? []
        return html`<tr key=${n.id} data-testid="node-row">
          <td title=${n.id}><code>${short(n.id, 12)}</code><br/><small>v${n.version} ${n.location}</small></td>
          <td><span class=${`badge ${n.status}`}>${n.status.toLowerCase()}</span><br/><small>${ago(n.lastSeenMs)}</small></td>
          <td>${n.device} ${n.model}<br/><small>${n.cores} cores · ${(n.ramBytes / 2 ** 30).toFixed(1)} GiB · ${n.backends.join(', ')}</small></td>
          <td>${n.price}</td>
          <td>${n.reputation == null ? '–' : n.reputation.toFixed(2)}</td>
          <td class="sparks">
            <${Cores} loads=${s.at(-1)?.cores ?? []} />
            <${Sparkline} label="CPU %" values=${s.map(p => p.cpu)} max=${100} />
            <${Sparkline} label="RAM %" values=${s.map(p => p.ram)} max=${100} />
            ${s.some(p => p.gpu != null) ? html`<${Sparkline} label="GPU %" values=${s.map(p => p.gpu)} max=${100} />` : null}
            <${Sparkline} label="net rx KiB/s" values=${rates(s)} />
          </td>
        </tr>`
      })}</tbody>
    </table></div>
  </section>`
}

/** the latest load of each core as a bar */
function Cores (props: { loads: number[] }): ReturnType<typeof html> | null {
  if (props.loads.length === 0) return null
  const w = 6
  return html`<span class="spark"><svg width=${props.loads.length * w} height="20" role="img" aria-label=${`load per core: ${props.loads.map(l => `${l.toFixed(0)}%`).join(', ')}`}>
    ${props.loads.map((l, i) => html`<rect x=${i * w} y=${20 - Math.min(100, l) / 5} width=${w - 1} height=${Math.max(1, Math.min(100, l) / 5)} fill="currentColor" />`)}
  </svg><small>cores</small></span>`
}

/** bytes received between samples, KiB/s */
function rates (s: HardwarePoint[]): Array<number | null> {
  return s.map((p, i) => {
    const prev = s[i - 1]
    if (prev == null || p.net == null || prev.net == null || p.t <= prev.t) return null
    return Math.max(0, (p.net - prev.net) / 1024 / ((p.t - prev.t) / 1000))
  })
}

function Jobs (props: { jobs: JobView[], shown: string | null, pick: (id: string) => void }): ReturnType<typeof html> {
  return html`<section aria-labelledby="jobs-h"><h2 id="jobs-h">Jobs</h2>
    ${props.jobs.length === 0 ? html`<p>No jobs yet.</p>` : html`<div class="scroll"><table>
      <caption class="sr">Jobs, newest first; choose one to see its curves</caption>
      <thead><tr><th scope="col">Job</th><th scope="col">State</th><th scope="col">Progress</th><th scope="col">Peer</th><th scope="col">Payment</th><th scope="col">Updated</th></tr></thead>
      <tbody>${props.jobs.map(j => html`<tr key=${j.id} class=${j.id === props.shown ? 'chosen' : ''} data-testid="job-row" data-job=${j.id} data-state=${j.state}>
        <td><button type="button" onClick=${() => { props.pick(j.id) }} aria-pressed=${j.id === props.shown} aria-label=${`show job ${j.id}`}><code>${short(j.id)}</code></button></td>
        <td><span class=${`badge ${j.state}`}>${j.state.toLowerCase()}</span></td>
        <td><progress max="1" value=${j.progress} aria-label=${`job ${short(j.id)} progress`}></progress> ${pct(j.progress)} <small>epoch ${j.epoch}/${j.epochs}</small></td>
        <td><code title=${j.node}>${short(j.node, 10)}</code></td>
        <td>${cyx(j.payment)}</td>
        <td>${ago(j.updatedMs)}</td>
      </tr>`)}</tbody>
    </table></div>`}
  </section>`
}

function JobDetail (props: { d: Detail }): ReturnType<typeof html> {
  const { job: j, curves } = props.d
  return html`<section aria-labelledby="job-h" data-testid="job-detail" data-job=${j.id}>
    <h2 id="job-h">Job <code>${j.id}</code> <span class=${`badge ${j.state}`}>${j.state.toLowerCase()}</span></h2>
    <p>${j.message}</p>
    <div class="charts">
      <${Chart} title="Per batch" xLabel="epochs" testId="batch-chart" points=${curves.batch}
        series=${[{ label: 'loss', color: '#d9480f' }, { label: 'accuracy', color: '#1971c2', right: true }]} />
      <${Chart} title="Per epoch" xLabel="epoch" testId="epoch-chart" points=${curves.epoch}
        series=${[{ label: 'loss', color: '#d9480f' }, { label: 'validation loss', color: '#e67700' }, { label: 'validation accuracy', color: '#1971c2', right: true }]} />
    </div>
    <div class="cols">
      <div><h3>Chosen peer</h3>
        ${j.node === '' ? html`<p>none yet</p>` : html`<p><code>${short(j.node, 16)}</code> score ${num(j.score, 3)}</p>
        <table><caption class="sr">Score breakdown</caption><thead><tr><th scope="col">term</th><th scope="col">value</th><th scope="col">weight</th><th scope="col">weighted</th></tr></thead>
        <tbody>${j.breakdown.map(t => html`<tr><td>${t.name}</td><td>${num(t.value, 3)}</td><td>${num(t.weight, 2)}</td><td>${num(t.weighted, 3)}</td></tr>`)}</tbody></table>`}
      </div>
      <div><h3>Why not the others</h3>
        ${j.whyNot.length === 0 ? html`<p>–</p>` : html`<ul>${j.whyNot.map(w => html`<li><code>${short(w.node, 10)}</code> ${w.code}: ${w.reason}</li>`)}</ul>`}
      </div>
      <div><h3>Verification</h3>
        ${j.verification == null ? html`<p>not yet</p>` : html`<p data-testid="verification">${j.verification.passed ? 'passed' : `failed: ${j.verification.reason}`}; ${j.verification.checked}/${j.verification.segments} segments replayed, max deviation ${num(j.verification.maxDeviation, 6)} (tolerance ${num(j.verification.tolerance, 4)})${j.verification.heldOutSamples > 0 ? `; held-out accuracy ${num(j.verification.heldOutAccuracy, 3)} on ${j.verification.heldOutSamples} (claimed ${num(j.verification.claimedAccuracy, 3)})` : ''}</p>`}
        <p>verified epochs ${j.verifiedEpochs}/${j.epochs}</p>
      </div>
      <div><h3>Payout</h3>
        ${j.payout == null || j.payout.signature === '' ? html`<p>${cyx(j.payment)} CYXWIZ ${j.state === 'PENDING_LOCK' ? 'not locked yet' : 'in escrow'}</p>` : html`<p data-testid="payout">${j.payout.outcome.toLowerCase()}: peer ${cyx(j.payout.peer)}, fee ${cyx(j.payout.fee)}, refund ${cyx(j.payout.refund)} CYXWIZ</p>
          <p>transaction <code class="sig" data-testid="payout-signature">${j.payout.signature}</code></p>`}
      </div>
    </div>
    ${j.history.length > 0 || j.contributions.length > 0 ? html`<h3>History</h3><ul>
      ${j.contributions.map(c => html`<li><code>${short(c.node, 10)}</code> trained ${c.epochs} verified epoch(s)</li>`)}
      ${j.history.map(x => html`<li>${x}</li>`)}</ul>` : null}
  </section>`
}

const root = document.getElementById('app')
if (root != null) { root.textContent = ''; render(html`<${App} />`, root) }
