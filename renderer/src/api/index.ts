import type { ApiClient } from '../../../shared/ipc/contract';
import { createElectronClient, type PreloadBridge } from './electron-client';
import { createWsClient } from './ws-client';

const TOKEN_KEY = 'ipoe-doctor.token';

/**
 * Pick the API at start-up: the Electron preload bridge when present, otherwise the browser-mode
 * WebSocket. The token arrives in the URL fragment once; it is kept for this tab only and removed
 * from the address bar so it is not shared by accident.
 */
export function chooseApi(onStatus: (connected: boolean) => void): { api: ApiClient; shell: 'electron' | 'browser' } {
  const bridge = (window as unknown as { ipoeDoctor?: PreloadBridge }).ipoeDoctor;
  if (bridge) {
    onStatus(true);
    return { api: createElectronClient(bridge), shell: 'electron' };
  }
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const url = `ws://${location.host}/api?token=${encodeURIComponent(token)}`;
  return { api: createWsClient(url, onStatus), shell: 'browser' };
}
