/**
 * What a definition may name. A model never runs code, so anything that could — Lambda layers,
 * custom or registered classes, serialized functions, code-looking strings — is refused with
 * ERR_MODEL_FORBIDDEN_LAYER. Standard Keras layers that are merely not supported (yet) get
 * ERR_MODEL_UNKNOWN_LAYER, so a user can tell "not yet" from "never". A class name that is neither
 * whitelisted nor a standard Keras layer can only be a custom class, hence forbidden.
 */
import { isPlainObject } from './json-guard.js'
import { ModelValidationError, quoteId } from './model-error.js'
import { LAYER_CLASSES, type LayerClass, type RawNode } from './types.js'

/** Layer classes that wrap arbitrary code, by design. */
const CODE_LAYERS: ReadonlySet<string> = new Set([
  'Lambda', 'TFOpLambda', 'SlicingOpLambda', 'KerasLayer', 'TFSMLayer', 'TorchModuleWrapper', 'JaxLayer', 'FlaxLayer'
])

/** Standard Keras / tfjs layers outside the whitelist: safe, but not supported. */
const KNOWN_UNSUPPORTED: ReadonlySet<string> = new Set([
  'Conv1D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose', 'SeparableConv1D',
  'SeparableConv2D', 'DepthwiseConv1D', 'DepthwiseConv2D', 'MaxPooling1D', 'MaxPooling3D',
  'AveragePooling1D', 'AveragePooling3D', 'GlobalAveragePooling1D', 'GlobalAveragePooling3D',
  'GlobalMaxPooling1D', 'GlobalMaxPooling3D', 'UpSampling1D', 'UpSampling2D', 'UpSampling3D',
  'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'Cropping1D', 'Cropping2D', 'Cropping3D',
  'LSTM', 'GRU', 'SimpleRNN', 'RNN', 'LSTMCell', 'GRUCell', 'SimpleRNNCell', 'StackedRNNCells',
  'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D', 'Bidirectional', 'TimeDistributed', 'Embedding',
  'LayerNormalization', 'GroupNormalization', 'UnitNormalization', 'Normalization', 'Rescaling',
  'Resizing', 'CenterCrop', 'Attention', 'AdditiveAttention', 'MultiHeadAttention', 'Multiply',
  'Subtract', 'Average', 'Maximum', 'Minimum', 'Dot', 'LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU',
  'Permute', 'RepeatVector', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'SpatialDropout1D',
  'SpatialDropout2D', 'SpatialDropout3D', 'Masking', 'ActivityRegularization', 'EinsumDense',
  'Identity', 'CategoryEncoding', 'Discretization', 'Hashing', 'IntegerLookup', 'StringLookup',
  'TextVectorization', 'RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomContrast',
  'RandomTranslation', 'RandomCrop', 'RandomBrightness', 'LocallyConnected1D', 'LocallyConnected2D',
  'Sequential', 'Model', 'Functional'
])

/** Serialized objects allowed inside a layer config: initializers, regularizers, constraints, dtypes. */
const NESTED_CLASSES: ReadonlySet<string> = new Set([
  'Zeros', 'Ones', 'Constant', 'RandomNormal', 'RandomUniform', 'TruncatedNormal', 'VarianceScaling',
  'GlorotNormal', 'GlorotUniform', 'HeNormal', 'HeUniform', 'LecunNormal', 'LecunUniform',
  'LeCunNormal', 'LeCunUniform', 'Orthogonal', 'Identity',
  'L1', 'L2', 'L1L2', 'OrthogonalRegularizer',
  'MaxNorm', 'NonNeg', 'UnitNorm', 'MinMaxNorm',
  'DTypePolicy', 'FloatDTypePolicy', 'Policy'
])

/** Config keys that only ever carry code (Lambda's serialized function and its kin). */
const CODE_KEYS: ReadonlySet<string> = new Set(['function', 'function_type', 'output_shape_type', 'code', 'custom_objects'])

/** Longest string a config may hold; marshalled bytecode and source are far longer than any name. */
const MAX_CONFIG_STRING = 256

/** Strings that read like source code: calls, arrows, blocks, dunders, the usual keywords. */
const CODE_LIKE = /[;{}`\\]|=>|\(|\)|\b(?:lambda|function|import|eval|exec|require)\b|__\w+__/i

/** Keras 3 writes `module` for every object; built-in ones live under keras. */
const KERAS_MODULE = /^(?:keras|tf_keras|tensorflow\.keras)(?:\.|$)/

/** Keys come from hostile input and land in messages: keep them short and printable. */
function safeKey (key: string): string {
  return key.replace(/[^\w.-]/g, '?').slice(0, 32)
}

function forbidden (message: string, nodeId: string | undefined): ModelValidationError {
  return new ModelValidationError('ERR_MODEL_FORBIDDEN_LAYER', message, nodeId)
}

/**
 * Keras 3 marks custom classes with a `registered_name` ("package>Name") and their own module;
 * built-ins carry `registered_name: null` (or the class name itself) and a keras module.
 */
export function checkProvenance (className: string, registeredName: unknown, module: unknown, nodeId: string | undefined): void {
  if (className.includes('>')) throw forbidden(`class ${quoteId(className)} is a registered custom object`, nodeId)
  if (registeredName != null && registeredName !== className) {
    throw forbidden(`class ${quoteId(className)} is registered as a custom object`, nodeId)
  }
  if (module != null && (typeof module !== 'string' || !KERAS_MODULE.test(module))) {
    throw forbidden(`class ${quoteId(className)} comes from a module outside Keras`, nodeId)
  }
}

/** Map a node's class name to a whitelisted layer class, or refuse it with the right code. */
export function checkLayerClass (node: RawNode): LayerClass {
  const name = node.className
  checkProvenance(name, node.registeredName, node.module, node.id)
  if (name === 'Input') return 'InputLayer'
  if ((LAYER_CLASSES as readonly string[]).includes(name)) return name as LayerClass
  if (CODE_LAYERS.has(name)) throw forbidden(`${name} layers run arbitrary code`, node.id)
  if (KNOWN_UNSUPPORTED.has(name)) {
    throw new ModelValidationError('ERR_MODEL_UNKNOWN_LAYER', `layer class ${name} is not supported (supported: ${LAYER_CLASSES.join(', ')})`, node.id)
  }
  throw forbidden(`class ${quoteId(name)} is not a standard layer, so it would be custom code`, node.id)
}

/** True when a string could be code rather than a name or an enum value. */
export function looksLikeCode (s: string): boolean {
  return s.length > MAX_CONFIG_STRING || CODE_LIKE.test(s)
}

/** Walk a layer config and refuse anything that could carry code; see the module comment. */
export function checkConfigSafe (config: unknown, nodeId: string, path = 'config'): void {
  if (typeof config === 'string') {
    if (looksLikeCode(config)) throw forbidden(`${path} holds a string that looks like code`, nodeId)
    return
  }
  if (Array.isArray(config)) {
    config.forEach((v, i) => { checkConfigSafe(v, nodeId, `${path}[${i}]`) })
    return
  }
  if (!isPlainObject(config)) return
  if ('class_name' in config || 'className' in config) {
    const cls = config.class_name ?? config.className
    if (typeof cls !== 'string' || !NESTED_CLASSES.has(cls)) {
      throw forbidden(`${path} is a serialized ${typeof cls === 'string' ? quoteId(cls) : 'object'}, not a built-in initializer, regularizer, constraint or dtype`, nodeId)
    }
    checkProvenance(cls, config.registered_name, config.module, nodeId)
  }
  for (const [key, value] of Object.entries(config)) {
    if (CODE_KEYS.has(key)) throw forbidden(`${path}.${key} carries code`, nodeId)
    checkConfigSafe(value, nodeId, `${path}.${safeKey(key)}`)
  }
}
