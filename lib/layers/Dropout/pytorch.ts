import { identityAtInference } from '../shared/export';

/** Identity at inference: left out of the exported model. */
export const pytorch = identityAtInference;
