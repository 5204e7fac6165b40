import { readFileSync } from 'node:fs';
/** CPU seconds of this process's main thread (utime + stime from /proc), or NaN where /proc is missing. */
export function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch { return Number.NaN; }
}
