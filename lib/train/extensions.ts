// The seam to the kernels engineer's work: lib/train/kernels (faster kernels
// registered per backend) and lib/train/autotune.ts. Until those files exist
// these do nothing, so training works without them; once they land, import
// them here and nowhere else.
import type { BackendName } from './backendNames';

export async function registerKernelsFor(_backend: BackendName): Promise<void> {
  // registerProjectKernels(backend) from './kernels' once it exists.
}
