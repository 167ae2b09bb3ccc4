/**
 * Lets queued messages (pause, stop) run between batches. setTimeout(0) is
 * clamped to 4 ms when chained, which would dominate a small model's batch;
 * a MessageChannel (browser, worker) or setImmediate (node) is not.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
