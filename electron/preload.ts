// The only bridge between the sandboxed page and the app: one invoke.
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('minka', {
  invoke: (channel: string, input: unknown): Promise<unknown> =>
    ipcRenderer.invoke('minka:invoke', channel, input),
});
