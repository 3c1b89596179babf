import { Duration } from 'cdk8s';

/**
 * A duration as Go's `time.ParseDuration` reads it, the format of Flux's `interval`, `timeout`
 * and `retryInterval` and of Argo CD's retry backoff: whole hours, minutes or seconds when the
 * duration is one (`1h`, `10m`, `90s`), else milliseconds (`1500ms`).
 */
export function goDuration(d: Duration): string {
  const ms = d.toMilliseconds();
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
