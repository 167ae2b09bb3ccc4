// The seam to the kernels engineer's work: lib/train/kernels (faster kernels
// registered per backend) and, once it exists, lib/train/autotune.ts. Imported
// here and nowhere else, so training code does not care whether they exist.
import type { BackendName } from '../backendNames';
import { registerProjectKernels } from '../kernels';

/** Registers our kernels for the backend; a failure leaves tfjs's own kernels in place and is returned as a note. */
export async function registerKernelsFor(backend: BackendName): Promise<string | null> {
  try {
    registerProjectKernels(backend);
    return null;
  } catch (e) {
    return `project kernels not registered for ${backend}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
