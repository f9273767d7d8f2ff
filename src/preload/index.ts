import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('smms', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('smms:call', name, input),
});
