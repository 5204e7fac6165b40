/**
 * Fault injection for the crash tests: when CAMPAIGN_FAILPOINT names a point, the process kills
 * itself there with SIGKILL (no cleanup, no finally blocks), exactly as a power cut or an
 * out-of-memory kill would. Costs one comparison when unset; never set in normal use.
 */
export type Failpoint =
  | 'ingest:after-first-data-file'
  | 'ingest:before-commit'
  | 'ingest:after-commit'
  | 'compact:after-merged-file'
  | 'compact:after-manifest'
  | 'compact:mid-delete';

export function failpoint(name: Failpoint): void {
  if (process.env.CAMPAIGN_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
