/**
 * The peer's training metrics, read off what it already does: every progress report it sends
 * (batch time → samples/s, progress → batches done), every checkpointed epoch and every completed
 * job (its payment). The report path is wrapped, not changed: a report goes out exactly as before.
 */
import type { CyxwizMetrics } from '../../src/metrics/registry.js'
import type { ActiveJob, ActiveJobs } from '../active-jobs.js'
import type { ReportDelivery, ReportTarget } from '../report-delivery.js'
import type { JobRunner } from '../job-runner.js'

/** batches a job has done, by job id, to count only what is new in each report */
type Done = Map<string, number>

/** `reports` with every report observed first */
export function observedReports (reports: Pick<ReportDelivery, 'report'>, jobs: Pick<ActiveJobs, 'get'>, metrics: CyxwizMetrics, done: Done = new Map()): Pick<ReportDelivery, 'report'> {
  return {
    report: async (target: ReportTarget, body) => {
      const job = jobs.get(target.jobId)
      const ms = body.metrics?.get('batch_time_ms')
      if (job != null && ms != null && ms > 0) {
        metrics.trainingSamplesPerSecond.set(batchSize(job) / (ms / 1000))
        const batches = Math.round((body.progress ?? 0) * totalBatches(job))
        const before = done.get(job.jobId) ?? batches
        if (batches > before) metrics.trainingBatches.inc(batches - before)
        done.set(job.jobId, batches)
      }
      return await reports.report(target, body)
    }
  }
}

/** epochs and completed payments from the runner's events */
export function observeRunner (runner: Pick<JobRunner, 'on'>, jobs: Pick<ActiveJobs, 'get'>, metrics: CyxwizMetrics): void {
  runner.on('epoch', () => { metrics.trainingEpochs.inc() })
  runner.on('completed', (jobId) => {
    const amount = jobs.get(jobId)?.assignment.paymentAmount ?? ''
    if (/^\d+$/.test(amount)) metrics.completedPayment.inc(Number(amount))
  })
}

function batchSize (job: ActiveJob): number {
  return Math.max(1, job.spec.hyperparameters?.batchSize ?? 1)
}

/** the job's batches over all its epochs (the training part of the samples, Keras' split) */
function totalBatches (job: ActiveJob): number {
  const h = job.spec.hyperparameters
  const train = Math.floor(Number(job.spec.datasetSamples) * (1 - (h?.validationSplit ?? 0)))
  return Math.ceil(train / batchSize(job)) * (h?.epochs ?? 1)
}
