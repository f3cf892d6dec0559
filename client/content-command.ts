/**
 * Content on IPFS from the command line: `cyxwiz dataset add FILE` publishes a dataset into the
 * client data dir's blocks (checked first: a file the coordinator would refuse is refused here), and
 * `cyxwiz job fetch ID --out DIR` downloads a completed job's verified model, checks its weights
 * hash against the one the coordinator recomputed, and writes a tfjs model directory.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import { JobState } from '../protocols/jobs.js'
import { out, bytes } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { defaultDataDir, defaultWalletFile, multiaddrArg, resolveCoordinator } from '../src/cli/options.js'
import { decodeDataset, CYXT_MAGIC } from '../src/training/dataset-format.js'
import type { IpfsStore } from '../src/storage/ipfs.js'
import { ipfsUri, parseIpfsUri } from '../src/storage/ipfs-uri.js'
import { readModelDir, sha256Hex } from '../src/storage/model-dir.js'
import { createClientNode } from '../src/network/node.js'
import { readWallet } from '../src/ledger/wallet.js'
import { CyxwizError } from '../src/errors.js'
import { JobClient } from './job-client.js'

/** the largest model `job fetch` downloads (the coordinator's own cap) */
const MAX_MODEL_BYTES = 2 * 1024 ** 3 - 1

async function readInput (file: string): Promise<Uint8Array> {
  try {
    return await readFile(file)
  } catch (err) {
    throw new CyxwizError('ERR_INVALID_ARGUMENT', `cannot read ${file}: ${(err as Error).message}`)
  }
}

export function datasetCommands (program: Command): void {
  const dataset = program.command('dataset').description('publish datasets on IPFS for training jobs')
  dataset.command('add')
    .argument('<file>', 'a CYXT binary tensor file or a CSV file with a header and a "label" column (README: dataset formats)')
    .description('check a dataset and publish it; prints ipfs://<cid> for `job submit --dataset`')
    .option('--data-dir <dir>', 'the client data dir that holds it; `job submit` serves it from there', defaultDataDir('client'))
    .option('--json', 'print JSON')
    .action(action(async (file: string, flags: { dataDir: string, json?: boolean }) => {
      const content = await readInput(file)
      const d = decodeDataset(content) // the coordinator decodes it the same way before queuing a job
      const node = await createClientNode()
      try {
        const { IpfsStore } = await import('../src/storage/ipfs.js')
        const ipfs = await IpfsStore.open(flags.dataDir, node, { persistentPins: false })
        try {
          const cid = await ipfs.addBytes(content)
          const format = new TextDecoder().decode(content.subarray(0, 4)) === CYXT_MAGIC ? 'cyxt' : 'csv'
          const info = { uri: ipfsUri(cid), samples: d.samples, feature_shape: d.featureShape, label_shape: d.labelShape, bytes: content.byteLength, format }
          if (flags.json === true) { out.json(info); return }
          out.line(info.uri)
          out.error(`${d.samples} samples, features [${d.featureShape.join(', ')}], labels [${d.labelShape.join(', ')}], ${bytes(content.byteLength)} (${format}); ` +
            `held in ${flags.dataDir}: the coordinator fetches it from there when you submit a job`)
        } finally {
          await ipfs.stop()
        }
      } finally {
        await node.stop()
      }
    }))
}

/** `job fetch`, added to the `job` command */
export function fetchCommand (job: Command): void {
  job.command('fetch')
    .argument('<job-id>')
    .description('download a completed job\'s trained model (checked against its verified hash) as a tfjs model directory')
    .requiredOption('--out <dir>', 'directory to write model.json and weights.bin into')
    .option('--force', 'overwrite a model already in --out')
    .option('--coordinator <multiaddr>', 'coordinator address (default: the local coordinator)', multiaddrArg)
    .option('--wallet <file>', `the paying wallet (default ${defaultWalletFile()})`)
    .option('--data-dir <dir>', 'client data dir (blocks are kept there)', defaultDataDir('client'))
    .action(action(async (id: string, flags: { out: string, force?: boolean, coordinator?: string, wallet?: string, dataDir: string }) => {
      if (flags.force !== true && await stat(join(flags.out, 'model.json')).then(() => true, () => false)) {
        throw new CyxwizError('ERR_INVALID_ARGUMENT', `${join(flags.out, 'model.json')} exists; use --force to overwrite it`)
      }
      const wallet = await readWallet(flags.wallet ?? defaultWalletFile())
      const client = await JobClient.open(await resolveCoordinator(flags.coordinator), wallet, { dataDir: flags.dataDir })
      try {
        const j = await client.get(id)
        if (j.state !== JobState.COMPLETED || j.modelUri === '') {
          throw new CyxwizError('ERR_JOB_STATE', `job ${id} is ${j.state}${j.message !== '' ? ` (${j.message})` : ''}; only a completed job has a verified model`)
        }
        const ipfs = client.ipfs as IpfsStore
        const files = await ipfs.readFiles(parseIpfsUri(j.modelUri), { maxBytes: MAX_MODEL_BYTES, timeout: 300_000 })
        const dir = readModelDir(files)
        const hash = sha256Hex(dir.weights)
        if (hash !== j.modelHash) throw new CyxwizError('ERR_HASH_MISMATCH', `the fetched weights hash to ${hash}; the verified hash is ${j.modelHash}`)
        await mkdir(flags.out, { recursive: true })
        for (const f of files) {
          const path = join(flags.out, f.path)
          await writeFile(`${path}.tmp`, f.content)
          await rename(`${path}.tmp`, path)
        }
        out.line(`model of job ${id} written to ${flags.out} (model.json + weights.bin, ${bytes(dir.weights.byteLength)} of weights, ${hash})`)
        out.error(`load it with tf.loadLayersModel('file://${join(flags.out, 'model.json')}') (tfjs-node) or over http with stock tfjs`)
      } finally {
        await client.close()
      }
    }))
}
