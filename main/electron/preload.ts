import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT as EVENT, IPC_INVOKE as INVOKE } from './channels.js';

// Sandboxed preload (bundled, so only `electron` is required at run time). It exposes one small API and never the raw ipcRenderer.

contextBridge.exposeInMainWorld('ipoeDoctor', {
  invoke: (method: string, params: unknown): Promise<unknown> => ipcRenderer.invoke(INVOKE, method, params),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: string, payload: unknown) => listener(event, payload);
    ipcRenderer.on(EVENT, wrapped);
    return () => ipcRenderer.removeListener(EVENT, wrapped);
  },
});
