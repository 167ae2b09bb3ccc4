import { identityAtInference } from '../shared/export';

/** Training-only augmentation, identity at inference: left out of the exported model. */
export const pytorch = identityAtInference;
