import type { ApiClient } from '../../../shared/ipc/contract';
import { createElectronClient, type PreloadBridge } from './electron-client';
import { createWsClient, type ServerStatus } from './ws-client';
import { ApiCallError } from './errors';

export type { ServerStatus } from './ws-client';

/** The client of a page opened without its token: every call is refused, nothing is tried. */
const noServer: ApiClient = {
  invoke: () => Promise.reject(new ApiCallError('no-token', 'this page was opened without its session token')),
  on: () => () => undefined,
};

const TOKEN_KEY = 'ipoe-doctor.token';
const TAB_KEY = 'ipoe-doctor.tab';

/** This tab's own key: its wizard on the server survives a reload, and another tab gets a wizard of its own. */
function tabKey(): string {
  let tab = sessionStorage.getItem(TAB_KEY);
  if (!tab) {
    tab = crypto.randomUUID();
    sessionStorage.setItem(TAB_KEY, tab);
  }
  return tab;
}

/**
 * Pick the API at start-up: the Electron preload bridge when present, otherwise the browser-mode
 * WebSocket. The token arrives in the URL fragment once; it is kept for this tab only and removed
 * from the address bar so it is not shared by accident.
 */
export function chooseApi(onStatus: (s: ServerStatus) => void): { api: ApiClient; shell: 'electron' | 'browser' } {
  const bridge = (window as unknown as { ipoeDoctor?: PreloadBridge }).ipoeDoctor;
  if (bridge) {
    onStatus('connected');
    return { api: createElectronClient(bridge), shell: 'electron' };
  }
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  if (!token) {
    // Without a token the socket can only be refused: say at once where the address with one is.
    queueMicrotask(() => onStatus('no-token'));
    return { api: noServer, shell: 'browser' };
  }
  return { api: createWsClient({ origin: location.origin, host: location.host, token, tab: tabKey() }, onStatus), shell: 'browser' };
}
