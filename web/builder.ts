/**
 * The model builder: add layers from the coordinator's whitelist, connect them, set their
 * parameters; every change is checked by the coordinator's own validator (bundled here), the failing
 * node highlighted with its reason; parameter and FLOP counts, a price from the live network, the
 * `{nodes, edges}` JSON that `cyxwiz job submit` takes, and Keras / tfjs JSON imported as a graph.
 */
import { h, render } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'
import htm from 'htm'
import './style.css'
import { getJson, withToken } from './api.js'
import { cyx } from './format.js'
import { DEFAULT_PARAMS, LAYERS, importKeras, validate, type Graph, type GraphNode } from './graph.js'

const html = htm.bind(h)
type Html = ReturnType<typeof html>

/** training FLOPs of one compute unit (coordinator/jobs/estimate.ts) */
const FLOPS_PER_UNIT = 1e9

function freshId (g: Graph, op: string): string {
  const base = op.toLowerCase()
  for (let i = 1; ; i++) if (!g.nodes.some(n => n.id === `${base}${i}`)) return `${base}${i}`
}

function Builder (): Html {
  const [g, setG] = useState<Graph>({ nodes: [], edges: [] })
  const [price, setPrice] = useState<{ pricePerUnit: string, offers: number } | null>(null)
  const [samples, setSamples] = useState(8000)
  const [epochs, setEpochs] = useState(8)
  const [importText, setImportText] = useState('')
  const [importError, setImportError] = useState('')
  const verdict = useMemo(() => g.nodes.length === 0 ? null : validate(g), [g])
  useEffect(() => { void getJson<{ pricePerUnit: string, offers: number }>('/api/price').then(setPrice, () => {}) }, [])

  const add = (op: string): void => {
    setG(cur => {
      const id = freshId(cur, op)
      const last = cur.nodes.at(-1)
      // a new layer reads from the last one added: a chain is built by clicking
      return { nodes: [...cur.nodes, { id, op, params: structuredClone(DEFAULT_PARAMS[op] ?? {}) }], edges: last != null && op !== 'InputLayer' ? [...cur.edges, [last.id, id]] : cur.edges }
    })
  }
  const remove = (id: string): void => { setG(cur => ({ nodes: cur.nodes.filter(n => n.id !== id), edges: cur.edges.filter(([a, b]) => a !== id && b !== id) })) }
  const setParams = (id: string, params: Record<string, unknown>): void => { setG(cur => ({ ...cur, nodes: cur.nodes.map(n => n.id === id ? { ...n, params } : n) })) }
  const connect = (from: string, to: string): void => { if (from !== '' && from !== to) setG(cur => ({ ...cur, edges: [...cur.edges, [from, to]] })) }
  const disconnect = (i: number): void => { setG(cur => ({ ...cur, edges: cur.edges.filter((_, j) => j !== i) })) }
  const exported = JSON.stringify(g, null, 1)
  const model = verdict?.ok === true ? verdict.model : undefined
  const units = model != null ? Math.ceil(model.totals.trainingFlopsPerSample * samples * epochs / FLOPS_PER_UNIT) : 0
  const cost = price != null ? (BigInt(units) * BigInt(price.pricePerUnit)).toString() : undefined

  return html`<main>
    <header><h1>CyxWiz <span class="sub">model builder</span></h1><nav><a href=${withToken('/')}>Dashboard</a></nav></header>
    <div class="builder">
      <section aria-labelledby="palette-h"><h2 id="palette-h">Layers</h2>
        <p><small>Only these layers are accepted by the network. A new layer is connected from the last one.</small></p>
        ${LAYERS.map(op => html`<button type="button" data-testid=${`add-${op}`} onClick=${() => { add(op) }} aria-label=${`add a ${op} layer`}>+ ${op}</button> `)}
        <h2>Import</h2>
        <label for="import">Keras <code>to_json()</code>, tfjs <code>model.json</code> or a node graph</label>
        <textarea id="import" data-testid="import-text" value=${importText} onInput=${(e: Event) => { setImportText((e.target as HTMLTextAreaElement).value) }}></textarea>
        <button type="button" data-testid="import" onClick=${() => {
          try { setG(importKeras(importText)); setImportError('') } catch (err) { setImportError((err as Error).message) }
        }}>Import as graph</button>
        ${importError !== '' ? html`<p class="verdict bad" role="alert">${importError}</p>` : null}
      </section>
      <section aria-labelledby="graph-h"><h2 id="graph-h">Graph</h2>
        <p class=${`verdict ${verdict == null ? '' : verdict.ok ? 'ok' : 'bad'}`} role="status" aria-live="polite" data-testid="verdict">
          ${verdict == null ? 'Add an InputLayer to begin.' : verdict.ok ? `valid: ${verdict.model.totals.params.toLocaleString('en')} parameters, ${verdict.model.totals.forwardFlopsPerSample.toLocaleString('en')} FLOPs forward / ${verdict.model.totals.trainingFlopsPerSample.toLocaleString('en')} training per sample` : `${verdict.code}: ${verdict.message}`}
        </p>
        ${g.nodes.map(n => html`<${NodeCard} key=${n.id} node=${n} g=${g} bad=${verdict?.ok === false && verdict.nodeId === n.id ? verdict.message : undefined}
          shape=${model?.nodes.get(n.id)?.outputShape} paramCount=${model?.nodes.get(n.id)?.paramCount}
          onParams=${(p: Record<string, unknown>) => { setParams(n.id, p) }} onRemove=${() => { remove(n.id) }} onConnect=${(from: string) => { connect(from, n.id) }} />`)}
        <h3>Connections</h3>
        <ul data-testid="edges">${g.edges.map(([a, b], i) => html`<li><code>${a}</code> → <code>${b}</code> <button type="button" aria-label=${`remove the connection ${a} to ${b}`} data-testid=${`unlink-${a}-${b}`} onClick=${() => { disconnect(i) }}>remove</button></li>`)}</ul>
        <h3>Price estimate</h3>
        <p><label>samples <input type="number" min="1" value=${samples} onInput=${(e: Event) => { setSamples(Math.max(1, Number((e.target as HTMLInputElement).value))) }} /></label>
          <label> epochs <input type="number" min="1" value=${epochs} onInput=${(e: Event) => { setEpochs(Math.max(1, Number((e.target as HTMLInputElement).value))) }} /></label></p>
        <p data-testid="estimate">${model == null || price == null ? '–' : `${units.toLocaleString('en')} compute units × ${price.pricePerUnit} base units (median of ${price.offers} online offer${price.offers === 1 ? '' : 's'}) ≈ ${cyx(cost)} CYXWIZ; the binding price, with verified peers' offers weighted and memory traffic counted: cyxwiz job estimate`}</p>
        <h3>Export</h3>
        <label for="export">The JSON for <code>cyxwiz job submit MODEL.json</code></label>
        <textarea id="export" readonly data-testid="export" value=${exported}></textarea>
        <a download="model.json" href=${`data:application/json;charset=utf-8,${encodeURIComponent(exported)}`}>Download model.json</a>
      </section>
    </div>
  </main>`
}

function NodeCard (props: { node: GraphNode, g: Graph, bad?: string, shape?: ReadonlyArray<number | null>, paramCount?: number, onParams: (p: Record<string, unknown>) => void, onRemove: () => void, onConnect: (from: string) => void }): Html {
  const n = props.node
  const [text, setText] = useState(JSON.stringify(n.params))
  const [parseError, setParseError] = useState('')
  const [from, setFrom] = useState('')
  const inputs = props.g.edges.filter(([, b]) => b === n.id).map(([a]) => a)
  return html`<div class=${`node${props.bad != null ? ' bad' : ''}`} data-testid="node" data-node=${n.id} data-bad=${props.bad != null ? 'true' : 'false'} aria-invalid=${props.bad != null}>
    <strong>${n.op}</strong> <code>${n.id}</code> ${inputs.length > 0 ? html`<small>← ${inputs.join(', ')}</small>` : null}
    ${props.shape != null ? html` <small data-testid="shape">→ [${props.shape.map(d => d ?? '?').join(', ')}], ${props.paramCount ?? 0} params</small>` : null}
    <div>
      <label>params <input type="text" value=${text} aria-label=${`parameters of ${n.id}`} data-testid=${`params-${n.id}`} onChange=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value
        setText(v)
        try { const p = JSON.parse(v) as unknown; if (typeof p !== 'object' || p == null || Array.isArray(p)) throw new Error('an object'); setParseError(''); props.onParams(p as Record<string, unknown>) } catch (err) { setParseError(`not JSON: ${(err as Error).message}`) }
      }} /></label>
      <label>input from <select aria-label=${`connect an input to ${n.id}`} data-testid=${`from-${n.id}`} value=${from} onChange=${(e: Event) => { setFrom((e.target as HTMLSelectElement).value) }}>
        <option value="">–</option>${props.g.nodes.filter(o => o.id !== n.id).map(o => html`<option value=${o.id}>${o.id}</option>`)}
      </select></label>
      <button type="button" data-testid=${`connect-${n.id}`} onClick=${() => { props.onConnect(from) }}>connect</button>
      <button type="button" aria-label=${`remove ${n.id}`} onClick=${props.onRemove}>remove</button>
    </div>
    ${props.bad != null ? html`<p class="why" role="alert">${props.bad}</p>` : null}
    ${parseError !== '' ? html`<p class="why">${parseError}</p>` : null}
  </div>`
}

const root = document.getElementById('app')
if (root != null) { root.textContent = ''; render(html`<${Builder} />`, root) }
