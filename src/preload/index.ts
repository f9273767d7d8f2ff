import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../shared/result.ts';
import { createBridge, IPC_CALL, IPC_EVENT } from './bridge.ts';

// Sandboxed preload (CommonJS): the call names arrive as a build-time constant derived from the
// contract (electron.vite.config.ts), so zod and the schemas stay out of this bundle.
declare const __SMMS_CALL_NAMES__: readonly string[];

const bridge = createBridge(
  {
    invoke: (name, input) => ipcRenderer.invoke(IPC_CALL, name, input) as Promise<Result<unknown>>,
    subscribe: (listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(IPC_EVENT, handler);
      return () => ipcRenderer.removeListener(IPC_EVENT, handler);
    },
  },
  __SMMS_CALL_NAMES__,
);

// Fresh functions, not the bridge object itself, so nothing but these two crosses the bridge.
contextBridge.exposeInMainWorld('smms', {
  call: (name: string, input: unknown) => bridge.call(name, input),
  on: (type: Parameters<typeof bridge.on>[0], listener: (event: unknown) => void) =>
    bridge.on(type, listener),
});
