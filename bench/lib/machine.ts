import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

// What the figures were measured on: they mean little without the machine and its load.

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  freeMemoryGB: number;
  loadAverage: number[];
  node: string;
  platform: string;
  date: string;
  mysqlServer?: string;
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
  };
}

/**
 * CPU time (ms) the local MariaDB/MySQL server process has used so far, or null when the server is
 * not a process on this machine (Linux /proc; USER_HZ is 100 on Linux). For splitting a benchmark's
 * CPU between the app and the database.
 */
export function localDbServerCpuMs(): number | null {
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  for (const pid of dirs) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm !== 'mariadbd' && comm !== 'mysqld') continue;
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      continue;
    }
  }
  return null;
}
