// A run's stored states and the changes between them, written down once. The
// server refuses every other change with 409; the trainer only ever asks for
// these. ('interrupted' is not a state: it is how a silent 'running' run reads.)
//
//   running   -> running (heartbeat, new plan or backend), completed, stopped, failed
//   completed -> running, only to continue training: the patch raises the plan
//   stopped   -> running     past the epochs done ("Train more") or names the
//   failed    -> running     backend it continues on ("Continue on WASM")
//   a finished state -> itself (a retried request), never to another finished state
import type { RunPatch, StoredRunStatus } from './run';

export const RUN_TRANSITIONS: Record<StoredRunStatus, readonly StoredRunStatus[]> = {
  running: ['running', 'completed', 'stopped', 'failed'],
  completed: ['completed', 'running'],
  stopped: ['stopped', 'running'],
  failed: ['failed', 'running'],
};

export type RunTransition = { ok: true } | { ok: false; message: string };

/** Whether `patch` may be applied to a run that is `from` with `epochsDone` epochs recorded. */
export function checkRunTransition(from: StoredRunStatus, patch: Pick<RunPatch, 'status' | 'epochsPlanned' | 'backend'>, epochsDone: number): RunTransition {
  const to = patch.status;
  if (to === undefined || to === from) return { ok: true };
  if (!RUN_TRANSITIONS[from].includes(to)) {
    return { ok: false, message: `This run is ${from} and cannot become ${to}: a ${from} run can only go back to running, to train further` };
  }
  if (from !== 'running' && to === 'running') {
    const continues = (patch.epochsPlanned !== undefined && patch.epochsPlanned > epochsDone) || patch.backend !== undefined;
    if (!continues) {
      return {
        ok: false,
        message: `This run is ${from}; it can go back to running only to train further: send epochsPlanned above the ${epochsDone} epoch(s) done, or the backend it continues on`,
      };
    }
  }
  return { ok: true };
}
