import { identityAtInference } from '../shared/export';

/** Identity at inference: left out of the exported graph. */
export const onnx = identityAtInference;
