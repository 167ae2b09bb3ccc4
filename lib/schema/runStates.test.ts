import { describe, expect, it } from 'vitest';
import { StoredRunStatus } from './run';
import { checkRunTransition, RUN_TRANSITIONS } from './runStates';

const states = StoredRunStatus.options;

describe('run states', () => {
  it('lets a running run become anything, and a finished one only itself or running again', () => {
    const allowed = states.flatMap((from) => states.filter((to) => checkRunTransition(from, { status: to, epochsPlanned: 99 }, 3).ok).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        'running->running',
        'running->completed',
        'running->stopped',
        'running->failed',
        'completed->completed',
        'completed->running',
        'stopped->stopped',
        'stopped->running',
        'failed->failed',
        'failed->running',
      ].sort(),
    );
    // The table and the check agree.
    for (const from of states) for (const to of RUN_TRANSITIONS[from]) expect(checkRunTransition(from, { status: to, backend: 'cpu' }, 0).ok).toBe(true);
  });

  it('takes a finished run back to running only to train further, and says why not otherwise', () => {
    for (const from of ['completed', 'stopped', 'failed'] as const) {
      const bare = checkRunTransition(from, { status: 'running' }, 3);
      expect(bare).toEqual({ ok: false, message: expect.stringContaining(`This run is ${from}`) });
      expect(checkRunTransition(from, { status: 'running', epochsPlanned: 3 }, 3).ok).toBe(false);
      expect(checkRunTransition(from, { status: 'running', epochsPlanned: 4 }, 3).ok).toBe(true);
      expect(checkRunTransition(from, { status: 'running', backend: 'wasm' }, 3).ok).toBe(true);
    }
    expect(checkRunTransition('failed', { status: 'completed' }, 3)).toEqual({ ok: false, message: expect.stringMatching(/failed and cannot become completed/) });
    // A patch without a status (heartbeat, test accuracy) is no transition.
    expect(checkRunTransition('completed', {}, 3).ok).toBe(true);
  });
});
