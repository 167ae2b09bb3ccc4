// Preloaded into app instances by the load benchmark (NODE_OPTIONS=--import):
// samples the event loop's delay and garbage collection, and appends, every
// 250 ms, one line "<epoch ms> <pid> <max loop delay ms> <longest GC pause ms>"
// to CNN_STUDIO_LOOP_DELAY_FILE. A server whose loop is blocked (a
// synchronous statement waiting on a lock or the disk, a long collection)
// answers nothing meanwhile, whatever its route.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.CNN_STUDIO_LOOP_DELAY_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let longestGc = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    appendFileSync(file, `${Date.now()} ${process.pid} ${(histogram.max / 1e6).toFixed(1)} ${longestGc.toFixed(1)}\n`);
    histogram.reset();
    longestGc = 0;
  }, 250).unref();
}
