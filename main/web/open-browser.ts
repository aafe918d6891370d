import { spawn } from 'node:child_process';

/** Launch the desktop's browser if there is one; headless machines just print the URL. */
export async function openInBrowser(url: string): Promise<boolean> {
  const candidates =
    process.platform === 'darwin'
      ? [['open', url]]
      : process.platform === 'win32'
        ? [['cmd', '/c', 'start', '""', url]]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? [['xdg-open', url]]
          : [];
  for (const [cmd, ...args] of candidates) {
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    });
    if (ok) return true;
  }
  return false;
}
