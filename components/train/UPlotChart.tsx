'use client';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  dash?: number[];
  /** Draw dots at the points (per-epoch values), not only a line. */
  points?: boolean;
  width?: number;
}

interface Props {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  /** [xs, ...one array per series], nulls where a series has no value at that x. */
  data: Array<Array<number | null>>;
  height?: number;
  yRange?: [number, number];
  testId?: string;
  /** Whole-number ticks on x (per-epoch charts: no "epoch 1.2"). */
  integerX?: boolean;
}

/** A thin React wrapper around uPlot: the plot is made once per series layout and fed new data in place. */
export function UPlotChart({ title, xLabel, yLabel, series, data, height = 220, yRange, testId, integerX = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const layout = JSON.stringify([title, xLabel, yLabel, series, yRange, integerX]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const options: uPlot.Options = {
      title,
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: false }, y: yRange ? { range: yRange } : {} },
      axes: [{ label: xLabel, ...(integerX ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}) }, { label: yLabel }],
      series: [
        // uPlot names the x series "Value" in the legend: ours is the axis's own label (epoch).
        { label: xLabel, value: (_u, v) => (v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(2)) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1.5,
          spanGaps: true,
          ...(s.dash ? { dash: s.dash } : {}),
          points: { show: s.points ?? false, size: 6, fill: s.color },
        })),
      ],
      legend: { show: true },
    };
    const u = new uPlot(options, data as uPlot.AlignedData, el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Data updates go through setData below; only a new layout rebuilds the plot.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div className="train-chart" ref={box} role="img" aria-label={title} data-testid={testId} data-points={data[0]?.length ?? 0} />;
}
