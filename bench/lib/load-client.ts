import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.ts';

/**
 * Child-process side of `measure()`: the load generator gets its own process (its own
 * event loop) so that it does not steal the server's loop and distort what it measures.
 */
process.once('message', (message: LoadRequest) => {
  void run(message).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
// A parent gone (Ctrl-C, crash) must not leave load running against nothing.
process.once('disconnect', () => process.exit(1));

async function run({ url, connections, duration, warmup }: LoadRequest): Promise<LoadResult> {
  // Warm-up (not counted): lets V8 optimise the hot paths and fills connection pools.
  if (warmup > 0) await autocannon({ url, connections, duration: warmup });
  const result = await autocannon({ url, connections, duration });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
