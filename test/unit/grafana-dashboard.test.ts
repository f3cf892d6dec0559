/**
 * The Grafana dashboard shipped in docs/grafana names only cyxwiz_* metrics the roles really
 * register (a renamed metric would leave a panel silently empty), and every panel has a query.
 */
import { expect } from 'chai'
import { readFile } from 'node:fs/promises'
import { createMetrics } from '../../src/metrics/registry.js'

interface Panel { title: string, targets: Array<{ expr: string }> }

describe('grafana dashboard', () => {
  it('queries only registered cyxwiz metrics', async () => {
    const dash = JSON.parse(await readFile(new URL('../../docs/grafana/cyxwiz.json', import.meta.url), 'utf8')) as { panels: Panel[] }
    const registered = new Set((await createMetrics('coordinator').registry.getMetricsAsJSON()).map(m => m.name))
    expect(dash.panels.length).to.be.greaterThan(10)
    for (const p of dash.panels) {
      expect(p.targets.length, p.title).to.be.greaterThan(0)
      for (const t of p.targets) {
        for (const name of t.expr.match(/cyxwiz_[a-z_]+/g) ?? []) {
          expect(registered.has(name.replace(/_(bucket|sum|count)$/, '')), `${p.title}: ${name}`).to.equal(true)
        }
      }
    }
  })
})
