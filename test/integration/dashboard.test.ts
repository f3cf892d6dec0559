/**
 * The window on a real network: a coordinator and a peer started with the CLI (HTTP on loopback
 * port 0 with an operator token), Debian's chromium driven by playwright-core. /metrics of both is
 * scraped and parsed as Prometheus text before and after a job; the dashboard is watched while the
 * job trains (its per-batch loss curve grows without a reload) until it is paid, and screenshotted;
 * a submitter's wallet read token sees its own job and nothing else. In the builder a model is
 * composed, a cycle is refused by the coordinator's own validator with the node highlighted, and the
 * exported JSON is submitted with the CLI and trained to completion; a Keras JSON imports as a graph.
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { coordinatorAddr, killAll, runCli, startCli, waitForOutput } from '../helpers/processes.js'
import { ready, untilNodes } from '../helpers/nodes.js'
import { scrape, value, type Family } from '../helpers/prometheus.js'
import { distinctColours, launchBrowser } from '../helpers/browser.js'
import { generateKeyPairSigner } from '@solana/kit'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { isCyxwizError } from '../../src/errors.js'
import { JobClient } from '../../client/job-client.js'
import { JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const TOKEN = 'dashboard-test-token-0123456789'
/** the page's DOM, as far as the conditions below (run in the page) use it */
declare const document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null }
const CHART = (id: string): string => `[data-testid="job-detail"][data-job="${id}"] [data-testid="batch-chart"]`
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
/** where screenshots go: the README's own (docs/img) with UPDATE_SCREENSHOTS=1, else the test's temp dir */
const readmeShots = fileURLToPath(new URL('../../docs/img/', import.meta.url))

describe('dashboard and /metrics in a real browser', function () {
  this.timeout(300_000)
  let home: string
  let shots: string
  let addr: string
  let web: string
  let peerWeb: string
  let uri: string
  let browser: Browser
  let page: Page
  let jobId = ''
  let baseline: { c: Map<string, Family>, p: Map<string, Family> }
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-dashboard-'))
    shots = process.env.UPDATE_SCREENSHOTS === '1' ? readmeShots : home
    const fees = (await cli('wallet', 'new', '--out', join(home, 'fees.json'))).output.split('\n')[0] ?? ''
    const payout = (await cli('wallet', 'new', '--out', join(home, 'payout.json'))).output.split('\n')[0] ?? ''
    const coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--match-interval', '1s',
      '--fee-account', fees, '--http', '127.0.0.1:0', '--http-token', TOKEN], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
    web = (await waitForOutput<RegExpExecArray>(coordinator, 'the dashboard address', /dashboard (http:\/\/127\.0\.0\.1:\d+)\//))[1] ?? ''
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    const peer = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'peer'), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--metrics-interval', '1s', '--ram', '8GiB', '--wallet-address', payout, '--progress-every', '5', '--http', '127.0.0.1:0', '--http-token', TOKEN], env())
    peerWeb = (await waitForOutput<RegExpExecArray>(peer, 'the peer\'s metrics address', /metrics (http:\/\/127\.0\.0\.1:\d+)\/metrics/))[1] ?? ''
    await writeFile(join(home, 'mnist.cyxt'), encodeCyxt(mnistDatasets({ train: 3000, test: 10 }).train))
    const added = await cli('dataset', 'add', join(home, 'mnist.cyxt'))
    uri = /ipfs:\/\/\w+/.exec(added.output)?.[0] ?? ''
    await untilNodes(addr, 'the peer online with an offer', v => v.some(ready))
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
  })

  after(async () => {
    await browser?.close()
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('refuses to serve a reachable address without a token: the daemon does not start', async () => {
    for (const role of [['coordinator', 'start', '--data-dir', join(home, 'open-coordinator')], ['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'open-peer')]]) {
      const r = await cli(...role, '--listen', '/ip4/127.0.0.1/tcp/0', '--http', '0.0.0.0:0')
      expect(r.code, r.output).to.equal(2)
      expect(r.output).to.include('give --http-token')
      expect(r.output).not.to.match(/dashboard http|metrics http/)
    }
  })

  it('serves /metrics as Prometheus text: process, libp2p and cyxwiz metrics; nothing without the token', async () => {
    for (const url of [web, peerWeb]) {
      const res = await fetch(`${url}/metrics`)
      expect(res.status, url).to.equal(401)
      expect(((await res.json()) as { code: string }).code).to.equal('ERR_UNAUTHORIZED')
    }
    baseline = { c: await scrape(web, TOKEN), p: await scrape(peerWeb, TOKEN) }
    for (const m of [baseline.c, baseline.p]) {
      expect(m.get('process_cpu_seconds_total')?.type).to.equal('COUNTER')
      expect(m.get('nodejs_heap_size_used_bytes')?.type).to.equal('GAUGE')
      // libp2p's own: the open connections (peer ↔ coordinator), in a group labelled by direction
      const conns = m.get('libp2p_connection_manager_connections')?.metrics.reduce((a, s) => a + Number(s.value ?? 0), 0) ?? 0
      expect(conns).to.be.greaterThan(0)
    }
    expect(value(baseline.c, 'cyxwiz_nodes', { status: 'ONLINE' })).to.equal(1)
    expect(value(baseline.c, 'cyxwiz_gossip_validation_total', { topic: 'heartbeat', action: 'accept', code: 'OK' })).to.be.greaterThan(0)
    expect(value(baseline.c, 'cyxwiz_job_submissions_total')).to.equal(0)
    expect(baseline.c.get('cyxwiz_matcher_tick_seconds')?.type).to.equal('HISTOGRAM')
    expect(value(baseline.p, 'cyxwiz_peer_training_epochs_total')).to.equal(0)
  })

  it('shows the network, then a job\'s loss curve growing while it trains, verified and paid, without a reload', async () => {
    await page.goto(`${web}/?token=${TOKEN}`)
    await page.getByTestId('live').filter({ hasText: 'live' }).waitFor()
    await page.getByTestId('node-row').first().waitFor()
    expect(await page.getByTestId('node-counts').textContent()).to.include('1 online')

    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', uri, '--payment', '1', '--epochs', '4', '--batch-size', '32', '--learning-rate', '0.002')
    expect(r.code, r.output).to.equal(0)
    jobId = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
    const row = page.locator(`[data-testid="job-row"][data-job="${jobId}"]`)
    await row.waitFor()
    await row.getByRole('button').click()
    const chart = page.locator(`[data-testid="job-detail"][data-job="${jobId}"] [data-testid="batch-chart"]`)
    const points = async (): Promise<number> => Number(await chart.getAttribute('data-points'))
    // the curve grows while the job is RUNNING: two readings, each on a later update
    const pointsAbove = ([sel, n]: readonly [string, number]): boolean => Number(document.querySelector(sel)?.getAttribute('data-points') ?? 0) > n
    await page.waitForFunction(pointsAbove, [CHART(jobId), 1] as const, { timeout: 180_000 })
    const first = await points()
    const stateThen = await row.getAttribute('data-state')
    await page.waitForFunction(pointsAbove, [CHART(jobId), first] as const, { timeout: 180_000 })
    expect(await points()).to.be.greaterThan(first)
    expect(stateThen).to.be.oneOf(['RUNNING', 'ASSIGNED'])
    await page.locator(`[data-testid="job-row"][data-job="${jobId}"][data-state="COMPLETED"]`).waitFor({ timeout: 240_000 })
    const sig = page.getByTestId('payout-signature')
    await sig.waitFor()
    expect((await sig.textContent())?.trim()).to.match(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/)
    expect(await page.getByTestId('verification').textContent()).to.match(/^passed/)
    // the money tiles follow the settlement on the stream
    await page.getByTestId('money-paid').filter({ hasText: /^0\.9$/ }).waitFor()
    await page.getByTestId('money-fees').filter({ hasText: /^0\.1$/ }).waitFor()
    expect(await page.getByTestId('money-locked').textContent()).to.equal('0')
    expect(Number(await page.locator('[data-testid="job-detail"] [data-testid="epoch-chart"]').getAttribute('data-points'))).to.equal(4)
    // no reload happened: the page's first navigation is still the only one
    expect(await page.evaluate('performance.getEntriesByType("navigation").length')).to.equal(1)
    const png = await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true })
    expect(await distinctColours(browser, png)).to.be.greaterThan(50)

    // on a phone: nothing wider than the screen (wide tables scroll inside their own box)
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByTestId('batch-chart').waitFor()
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(390)
    expect(await page.getByRole('button', { name: `show job ${jobId}` }).count()).to.equal(1)
    expect(await page.getByRole('progressbar', { name: `job ${jobId.slice(0, 8)}… progress` }).count()).to.equal(1)
  })

  it('moves the counters: the job, its escrow, its verification, the peer\'s training and a refused model', async () => {
    // a stranger's client (its own wallet's session) asks the price of a cyclic model: the CLI would refuse it itself
    const stranger = await JobClient.open(addr, await generateKeyPairSigner())
    try {
      const submit: SubmitJob = {
        jobType: JobType.TRAINING, modelDefinition: await readFile(fixture('cyclic.json'), 'utf8'), datasetUri: uri, datasetSamples: 0n, paymentAmount: '1',
        requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: '', hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0.1, metrics: [] }
      }
      let code = ''
      await stranger.estimate(submit).catch((err: unknown) => { code = isCyxwizError(err) ? err.code : String(err) })
      expect(code).to.equal('ERR_MODEL_CYCLE')
    } finally {
      await stranger.close()
    }
    const c = await scrape(web, TOKEN)
    expect(value(c, 'cyxwiz_model_refusals_total', { code: 'ERR_MODEL_CYCLE' })).to.equal(1)
    expect(value(c, 'cyxwiz_job_refusals_total', { op: 'ESTIMATE', code: 'ERR_MODEL_CYCLE' })).to.equal(1)
    const p = await scrape(peerWeb, TOKEN)
    const grew = (name: string, labels: Record<string, string> = {}): number => value(c, name, labels) - value(baseline.c, name, labels)
    expect(grew('cyxwiz_job_submissions_total')).to.equal(1)
    expect(value(c, 'cyxwiz_jobs', { state: 'COMPLETED' })).to.equal(1)
    expect(value(c, 'cyxwiz_jobs', { state: 'RUNNING' })).to.equal(0)
    expect(grew('cyxwiz_assignments_total')).to.equal(1)
    expect(grew('cyxwiz_job_submit_to_start_seconds')).to.equal(1)
    expect(grew('cyxwiz_matcher_tick_seconds')).to.be.greaterThan(0)
    expect(grew('cyxwiz_escrow_base_units_total', { flow: 'locked' })).to.equal(1_000_000)
    expect(grew('cyxwiz_escrow_base_units_total', { flow: 'paid' })).to.equal(900_000)
    expect(grew('cyxwiz_escrow_base_units_total', { flow: 'fees' })).to.equal(100_000)
    expect(grew('cyxwiz_verifications_total', { result: 'passed' })).to.equal(1)
    expect(grew('cyxwiz_verification_batches_replayed_total')).to.be.greaterThan(0)
    expect(value(p, 'cyxwiz_peer_training_epochs_total')).to.equal(4)
    expect(value(p, 'cyxwiz_peer_training_batches_total')).to.be.greaterThan(100)
    expect(value(p, 'cyxwiz_peer_training_samples_per_second')).to.be.greaterThan(0)
    expect(value(p, 'cyxwiz_peer_completed_payment_base_units_total')).to.equal(1_000_000)
  })

  it('shows a submitter its own job only, by a read token its wallet signed', async () => {
    const mine = (await cli('wallet', 'read-token')).output.trim()
    await cli('wallet', 'new', '--out', join(home, 'stranger.json'))
    const theirs = (await cli('wallet', 'read-token', '--wallet', join(home, 'stranger.json'))).output.trim()
    const get = async (path: string, token: string): Promise<{ status: number, body: { access?: string, jobs?: Array<{ id: string }>, nodes?: unknown[], code?: string } }> => {
      const res = await fetch(`${web}${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`)
      return { status: res.status, body: await res.json().catch(() => ({})) as { access?: string, jobs?: Array<{ id: string }>, nodes?: unknown[] } }
    }
    const own = await get('/api/state', mine)
    expect(own.body.access).to.equal('wallet')
    expect(own.body.jobs?.map(j => j.id)).to.deep.equal([jobId])
    expect(own.body.nodes).to.deep.equal([])
    expect((await get(`/api/jobs/${jobId}`, mine)).status).to.equal(200)
    const stranger = await get('/api/state', theirs)
    expect(stranger.body.jobs).to.deep.equal([])
    const denied = await get(`/api/jobs/${jobId}`, theirs)
    expect(denied.status).to.equal(404)
    expect(denied.body.code).to.equal('ERR_JOB_NOT_FOUND')
    expect((await get('/metrics', mine)).status).to.equal(403)
    // the page itself, opened with the read token: the job, no network section
    const p = await browser.newPage()
    try {
      await p.goto(`${web}/?token=${encodeURIComponent(mine)}`)
      await p.locator(`[data-testid="job-row"][data-job="${jobId}"]`).waitFor()
      expect(await p.getByTestId('node-row').count()).to.equal(0)
    } finally {
      await p.close()
    }
  })

  it('builds a model in the builder: a cycle refused with its node highlighted, the export trained to completion by the CLI', async () => {
    const b = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
    try {
      await b.goto(`${web}/builder?token=${TOKEN}`)
      const verdict = b.getByTestId('verdict')
      for (const op of ['InputLayer', 'Dense', 'Dense']) await b.getByTestId(`add-${op}`).click()
      await b.getByTestId('params-dense2').fill('{"units":10,"activation":"softmax"}')
      await b.getByTestId('params-dense2').press('Enter')
      await b.getByTestId('params-dense2').blur()
      // 784·64 + 64 + 64·10 + 10, counted by the coordinator's validator in the page
      await verdict.filter({ hasText: /^valid: 50,890 parameters/ }).waitFor()
      expect(await b.getByTestId('estimate').textContent()).to.match(/compute units × 10 base units \(median of 1 online offer\)/)

      // a side branch dense1 → dense3 → dense1: a cycle, while dense2 stays the output
      await b.getByTestId('add-Dense').click()
      await b.getByTestId('unlink-dense2-dense3').click()
      await b.getByTestId('from-dense3').selectOption('dense1')
      await b.getByTestId('connect-dense3').click()
      await b.getByTestId('from-dense1').selectOption('dense3')
      await b.getByTestId('connect-dense1').click()
      await verdict.filter({ hasText: /^ERR_MODEL_CYCLE/ }).waitFor()
      const bad = b.locator('[data-testid="node"][data-bad="true"]')
      expect(await bad.count()).to.equal(1)
      expect(await bad.getAttribute('data-node')).to.equal('dense1')
      expect(await bad.getByRole('alert').textContent()).to.include('is on a cycle: "dense1" → "dense3" → "dense1"')
      const png = await b.screenshot({ path: join(shots, 'builder.png'), fullPage: true })
      expect(await distinctColours(browser, png)).to.be.greaterThan(20)

      await b.getByRole('button', { name: 'remove dense3' }).click()
      await verdict.filter({ hasText: /^valid: 50,890 parameters/ }).waitFor()
      expect(await b.locator('[data-testid="node"][data-bad="true"]').count()).to.equal(0)
      const model = join(home, 'built.json')
      await writeFile(model, await b.getByTestId('export').inputValue())
      const r = await cli('job', 'submit', model, '--dataset', uri, '--payment', '1', '--epochs', '1', '--batch-size', '32', '--wait')
      expect(r.code, r.output).to.equal(0)
      const id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
      const status = JSON.parse((await cli('job', 'status', id, '--json')).output) as { state: string, estimate?: { parameters: string } }
      expect(status.state).to.equal('COMPLETED')

      // a tfjs/Keras definition imports as the same graph
      await b.getByTestId('import-text').fill(await readFile(fixture('mlp.json'), 'utf8'))
      await b.getByTestId('import').click()
      await verdict.filter({ hasText: /^valid: 50,890 parameters/ }).waitFor()
      expect(await b.getByTestId('node').count()).to.equal(3)
    } finally {
      await b.close()
    }
  })
})
