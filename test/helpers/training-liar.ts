/**
 * The training half of a dishonest peer (test/helpers/lying-peer.ts), built on purpose for the tests
 * of the coordinator's verification — no honest peer does any of this. It trains the job for real in
 * the real executor (so its states, checkpoints and proof are all well formed and signed), then lies
 * in one way:
 * - `untrained`: commits to the job's initial state at every position and hands it in as the model;
 * - `skip-steps`: commits every other state without the work that leads to it (the previous state again);
 * - `earlier-checkpoint`: hands in the checkpoint before the last epoch as its trained model;
 * - `claims`: trains honestly but claims a final accuracy of 0.01 in its signed completion;
 * - `extra-entry`: hands in a model directory with a third entry (`notes.txt`). (An entry named
 *   `../escape` cannot even be added through Helia; test/integration/model-fetch.test.ts builds one
 *   by hand and shows it refused on fetch.)
 */
import type { PrivateKey } from '@libp2p/interface'
import { ExecutionState } from '../../protocols/job-report.js'
import { parseModel } from '../../src/model/index.js'
import { ipfsUri, parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import { sha256Hex } from '../../src/storage/model-dir.js'
import { signCompletion } from '../../src/proof/completion.js'
import { runTraining } from '../../src/training/executor.js'
import { decodeDataset } from '../../src/training/dataset-format.js'
import { initialState } from '../../src/training/replay.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { batchesPerEpoch, epochsOf } from '../../src/training/spec.js'
import type { ActiveJob } from '../../peer/active-jobs.js'
import type { ReportDelivery } from '../../peer/report-delivery.js'

export type TrainingLie = 'untrained' | 'skip-steps' | 'earlier-checkpoint' | 'claims' | 'extra-entry'

/** the model weights of a checkpoint, without its optimizer state: a final model's directory */
export function modelOnly (files: ModelFiles): ModelFiles {
  const json = JSON.parse(new TextDecoder().decode(files.modelJson)) as { weightsManifest: Array<{ paths: string[], weights: Array<{ shape: number[], group?: string }> }>, trainingConfig?: unknown, userDefinedMetadata?: unknown }
  const group = json.weightsManifest[0] as NonNullable<typeof json.weightsManifest[0]>
  const kept = group.weights.filter(w => w.group !== 'optimizer')
  const bytes = kept.reduce((a, w) => a + 4 * w.shape.reduce((x, y) => x * y, 1), 0)
  const { trainingConfig: _t, userDefinedMetadata: _m, ...rest } = json
  return { modelJson: new TextEncoder().encode(JSON.stringify({ ...rest, weightsManifest: [{ ...group, weights: kept }] })), weights: files.weights.slice(0, bytes) }
}

export async function trainAndLie (lie: TrainingLie, job: ActiveJob, c: { ipfs: IpfsStore, reports: ReportDelivery, privateKey: PrivateKey }): Promise<void> {
  const spec = job.spec
  const epochs = epochsOf(spec)
  const per = batchesPerEpoch(spec)
  const add = async (f: ModelFiles, extra: Array<{ path: string, content: Uint8Array }> = []): Promise<string> =>
    ipfsUri(await c.ipfs.addFiles([{ path: 'model.json', content: f.modelJson }, { path: 'weights.bin', content: f.weights }, ...extra]))
  const send = async (r: Parameters<ReportDelivery['report']>[1]): Promise<void> => { await c.reports.report(job, r) }
  await send({ state: ExecutionState.ACCEPTED, message: 'accepted' })
  const bytes = await c.ipfs.cat(parseIpfsUri(spec.datasetUri), { maxBytes: 2 ** 31 - 1, timeout: 60_000 })
  const initial = lie === 'untrained'
    ? await initialState(parseModel(job.assignment.modelDefinition), spec, decodeDataset(bytes))
    : undefined
  let previous: ModelFiles | undefined
  let n = 0
  const checkpoints: ModelFiles[] = []
  for await (const e of runTraining({ spec, modelDefinition: job.assignment.modelDefinition, dataset: bytes, progressEveryBatches: 1_000_000 })) {
    if (e.type === 'state' || e.type === 'epoch') {
      const real = e.type === 'state' ? e.state : e.checkpoint
      let files = initial ?? real
      if (lie === 'skip-steps' && ++n % 2 === 0 && previous != null) files = previous
      previous = files
      if (e.type === 'epoch') checkpoints.push(files)
      const uri = await add(files)
      await send(e.type === 'state'
        ? { state: ExecutionState.TRAINING, progress: ((e.epoch - 1) * per + e.batch) / (epochs * per), currentEpoch: e.epoch, states: [{ epoch: e.epoch, batch: e.batch, uri }] }
        : { state: ExecutionState.TRAINING, progress: e.epoch / epochs, currentEpoch: e.epoch, checkpointUri: uri, checkpointEpoch: e.epoch })
    } else if (e.type === 'done') {
      let model = e.model
      if (initial != null) model = modelOnly(initial)
      if (lie === 'earlier-checkpoint') model = modelOnly(checkpoints.at(-2) ?? checkpoints[0] as ModelFiles)
      const extra = lie === 'extra-entry' ? [{ path: 'notes.txt', content: new TextEncoder().encode('not part of a model') }] : []
      const uri = await add(model, extra)
      const metrics = new Map(Object.entries(e.finalMetrics))
      if (lie === 'claims') metrics.set('final_accuracy', 0.01)
      const completion = await signCompletion(c.privateKey, {
        jobId: job.jobId,
        leaseId: job.leaseId,
        completion: { finalStatus: 'COMPLETED', modelWeightsUri: uri, modelWeightsHash: sha256Hex(model.weights), finalMetrics: metrics, totalComputeTimeMs: BigInt(Math.round(e.totalTimeMs)) }
      })
      await send({ state: ExecutionState.COMPLETED, progress: 1, currentEpoch: epochs, completion, message: `done (${lie})` })
      return
    } else if (e.type === 'failed') {
      throw new Error(`the liar's training failed: ${e.message}`)
    }
  }
}
