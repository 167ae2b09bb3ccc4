import { unsupported } from '../shared/export';

/** Not written yet: the export refuses this layer by name rather than approximate it. */
export const onnx = unsupported('CNN Studio does not export RandomZoom to this format yet');
