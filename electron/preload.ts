// The only bridge between the sandboxed page and the app: one invoke, one on.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('minka', {
  invoke: (channel: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke('minka:invoke', channel, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const name = `minka:event:${event}`;
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(name, handler);
    return () => ipcRenderer.removeListener(name, handler);
  },
});
