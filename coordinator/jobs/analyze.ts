/**
 * The coordinator's model check for a submission: the definition is parsed and validated by
 * src/model (formats, whitelist, shapes, caps) before anything is queued or locked, and costed.
 */
import { parseModel } from '../../src/model/index.js'
import { outputOf } from '../../src/training/labels.js'
import type { AnalyzeModel } from './estimate.js'

export const analyzeModel: AnalyzeModel = (definition) => {
  const model = parseModel(definition)
  const shapeOf = (id: string | undefined): number[] => (id != null ? model.nodes.get(id)?.outputShape.slice(1) as number[] | undefined : undefined) ?? []
  return {
    trainingFlopsPerSample: BigInt(model.totals.trainingFlopsPerSample),
    parameters: model.totals.params,
    activationElementsPerSample: BigInt(model.totals.activationElementsPerSample),
    inputs: model.inputs.map(shapeOf),
    outputs: model.outputs.map(shapeOf),
    outputActivation: String(outputOf(model).activation ?? 'linear')
  }
}
