/** Core logs through this interface; the Electron shell plugs in electron-log, the CLI stderr. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export const stderrLogger: Logger = {
  info: (m, d) => process.stderr.write(`[info] ${m}${d ? ' ' + JSON.stringify(d) : ''}\n`),
  warn: (m, d) => process.stderr.write(`[warn] ${m}${d ? ' ' + JSON.stringify(d) : ''}\n`),
  error: (m, d) => process.stderr.write(`[error] ${m}${d ? ' ' + JSON.stringify(d) : ''}\n`),
};
