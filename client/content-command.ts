/**
 * Content on IPFS from the command line: `cyxwiz dataset add FILE` publishes a dataset into the
 * client data dir's blocks (checked first: a file the coordinator would refuse is refused here), and
 * `cyxwiz job fetch ID --out DIR` downloads a completed job's verified model, checks its weights
 * hash against the one the coordinator recomputed, and writes a tfjs model directory (`fetchModel`).
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { Command } from 'commander'
import { JobState } from '../protocols/jobs.js'
import { out, bytes } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { defaultDataDir, defaultWalletFile, multiaddrArg, resolveCoordinator } from '../src/cli/options.js'
import { decodeDataset, CYXT_MAGIC } from '../src/training/dataset-format.js'
import type { IpfsStore } from '../src/storage/ipfs.js'
import { ipfsUri, parseIpfsUri } from '../src/storage/ipfs-uri.js'
import { MODEL_DIR_FILES, readModelDir, sha256Hex } from '../src/storage/model-dir.js'
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

/** `name` joined to `root`, checked to be a file directly inside it */
function inside (root: string, name: string): string {
  const path = resolve(root, name)
  if (dirname(path) !== root) throw new CyxwizError('ERR_INVALID_ARGUMENT', `${JSON.stringify(name)} would be written outside ${root}`)
  return path
}

/**
 * Fetches a verified model (`uri`, whose weights must hash to `hash`) and writes it into `outDir`
 * as model.json and weights.bin: those two files only, at paths resolved and checked to stay
 * inside `outDir`, never at names the directory's entries carry. Everything is checked before
 * anything is written, so a directory that is not exactly those two files (ERR_IPFS for an entry
 * whose name is a path, ERR_COMPLETION for any other) or weights with another hash
 * (ERR_HASH_MISMATCH) leave `outDir` as it was — not even created.
 */
export async function fetchModel (ipfs: Pick<IpfsStore, 'readFiles'>, model: { uri: string, hash: string }, outDir: string): Promise<{ weightsBytes: number, hash: string }> {
  const files = await ipfs.readFiles(parseIpfsUri(model.uri), { maxBytes: MAX_MODEL_BYTES, timeout: 300_000 })
  const dir = readModelDir(files)
  const hash = sha256Hex(dir.weights)
  if (hash !== model.hash) throw new CyxwizError('ERR_HASH_MISMATCH', `the fetched weights hash to ${hash}; the verified hash is ${model.hash}`)
  const root = resolve(outDir)
  const content: Record<typeof MODEL_DIR_FILES[number], Uint8Array> = { 'model.json': dir.modelJsonBytes, 'weights.bin': dir.weights }
  const targets = MODEL_DIR_FILES.map(name => ({ path: inside(root, name), bytes: content[name] }))
  await mkdir(root, { recursive: true })
  for (const t of targets) {
    await writeFile(`${t.path}.tmp`, t.bytes)
    await rename(`${t.path}.tmp`, t.path)
  }
  return { weightsBytes: dir.weights.byteLength, hash }
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
        const { weightsBytes, hash } = await fetchModel(client.ipfs as IpfsStore, { uri: j.modelUri, hash: j.modelHash }, flags.out)
        out.line(`model of job ${id} written to ${flags.out} (model.json + weights.bin, ${bytes(weightsBytes)} of weights, ${hash})`)
        out.error(`load it with tf.loadLayersModel('file://${join(flags.out, 'model.json')}') (tfjs-node) or over http with stock tfjs`)
      } finally {
        await client.close()
      }
    }))
}
