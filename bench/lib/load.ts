import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  url: string;
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of load sent first and not counted. */
  warmup: number;
}

export interface LoadResult {
  /** Average of autocannon's per-second samples. */
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts included. */
  errors: number;
  non2xx: number;
}

const CLIENT = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Runs one bounded autocannon measurement from a separate process (see load-client.ts). */
export function measure(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The child inherits `--import tsx` from this process's execArgv.
    const child = fork(CLIENT, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // Bounded even if autocannon hangs: warm-up + duration + a generous margin.
    const deadline = setTimeout(() => child.kill('SIGKILL'), (request.warmup + request.duration + 30) * 1000);
    let result: LoadResult | undefined;
    child.once('message', (message) => {
      result = message as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      if (result) resolve(result);
      else reject(new Error(`load generator stopped without a result (code ${code}, signal ${signal})`));
    });
    child.send(request);
  });
}
