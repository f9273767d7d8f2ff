import { cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

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
