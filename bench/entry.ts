// The bench page: hands the request in the URL to a worker and exposes the
// worker's answer to scripts/bench.mjs as window.benchResult.
import type { BenchReply, BenchRequest } from './protocol';

declare global {
  interface Window {
    benchResult?: Extract<BenchReply, { type: 'done' }> | { type: 'crashed'; error: string };
    benchLog: string[];
  }
}

window.benchLog = [];
const encoded = new URLSearchParams(location.search).get('request');
if (!encoded) throw new Error('bench page needs ?request=<json>');
const request = JSON.parse(encoded) as BenchRequest;
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `bench-${request.backend}-${request.variant}` });
worker.onmessage = (event: MessageEvent<BenchReply>) => {
  const reply = event.data;
  if (reply.type === 'log') {
    window.benchLog.push(reply.message);
    console.log(reply.message);
  } else window.benchResult = reply;
};
worker.onerror = (event) => {
  window.benchResult = { type: 'crashed', error: event.message || 'the bench worker crashed' };
};
worker.postMessage(request);
