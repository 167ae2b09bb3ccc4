'use client';

import { useCallback, useEffect, useState } from 'react';

/** Steps per second for each notch of the speed control. */
export const speeds = [0.5, 1, 2, 4, 8, 20] as const;

export interface Stepper {
  /** 0 = nothing shown yet; total = the last step. */
  position: number;
  total: number;
  playing: boolean;
  speedIndex: number;
  play(): void;
  pause(): void;
  forward(): void;
  back(): void;
  toStart(): void;
  toEnd(): void;
  goTo(position: number): void;
  setSpeedIndex(index: number): void;
}

/** Play/pause/step over `total` steps; the position is kept within [0, total] when total shrinks. */
export function useStepper(total: number, initial: number): Stepper {
  const [raw, setRaw] = useState(initial);
  const [wantsPlay, setWantsPlay] = useState(false);
  const [speedIndex, setSpeedIndex] = useState(2);
  const position = Math.min(Math.max(raw, 0), total);
  const playing = wantsPlay && position < total;
  const stepsPerSecond = speeds[speedIndex] ?? 2;

  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => setRaw((p) => Math.min(p + 1, total)), 1000 / stepsPerSecond);
    return () => window.clearInterval(id);
  }, [playing, stepsPerSecond, total]);

  const play = useCallback(() => {
    // Play at the end starts over, like a video.
    if (position >= total) setRaw(0);
    setWantsPlay(true);
  }, [position, total]);

  return {
    position,
    total,
    playing,
    speedIndex,
    play,
    pause: () => setWantsPlay(false),
    forward: () => {
      setWantsPlay(false);
      setRaw(Math.min(position + 1, total));
    },
    back: () => {
      setWantsPlay(false);
      setRaw(Math.max(position - 1, 0));
    },
    toStart: () => {
      setWantsPlay(false);
      setRaw(0);
    },
    toEnd: () => {
      setWantsPlay(false);
      setRaw(total);
    },
    goTo: (p: number) => setRaw(p),
    setSpeedIndex,
  };
}
