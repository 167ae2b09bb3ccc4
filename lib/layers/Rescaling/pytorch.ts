import { unsupported } from '../shared/export';

/** Not written yet: the export refuses this layer by name rather than approximate it. */
export const pytorch = unsupported('CNN Studio does not export Rescaling to this format yet');
