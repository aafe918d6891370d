import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCheckoutRoot, layoutOf, resourcesOf } from '../../../main/paths.js';
import { dataDirFor } from '../../../main/app-data.js';
import { npmInvocation } from '../../../build/npm-script.mjs';

const { win32, posix } = path;
const noRoot = (from: string): string => {
  throw new Error(`no checkout above ${from}`);
};

describe('the resource lookup on each platform', () => {
  it('Windows: an installed app (NSIS per-user install) reads its code from app.asar and its data beside it', () => {
    const resources = 'C:\\Users\\Taro\\AppData\\Local\\Programs\\IPoE Doctor\\resources';
    const layout = layoutOf(`${resources}\\app.asar\\dist\\electron`, resources, noRoot, win32);
    expect(layout).toEqual({ kind: 'packaged', resourcesPath: resources, appDir: `${resources}\\app.asar` });
    expect(resourcesOf(layout, win32)).toEqual({
      packageJson: `${resources}\\app.asar\\package.json`,
      renderer: `${resources}\\app.asar\\dist\\renderer`,
      preload: `${resources}\\app.asar\\dist\\electron\\preload.cjs`,
      scenarios: `${resources}\\scenarios`,
      catalogs: `${resources}\\i18n`,
    });
  });

  it('Windows: drive letters and folder names compare without case, as Windows does', () => {
    const layout = layoutOf('c:\\program files\\ipoe doctor\\resources\\APP.ASAR\\dist\\electron', 'C:\\Program Files\\IPoE Doctor\\resources', noRoot, win32);
    expect(layout.kind).toBe('packaged');
  });

  it('Windows: a checkout (npm start) finds package.json above the bundle and the sources beside it', () => {
    const root = 'D:\\src\\ipoe-doctor';
    const files: Record<string, string> = { [`${root}\\package.json`]: '{"name":"ipoe-doctor"}' };
    // Under `electron .` process.resourcesPath points into node_modules\electron: still a checkout.
    const layout = layoutOf(`${root}\\dist\\electron`, `${root}\\node_modules\\electron\\dist\\resources`, (from) => findCheckoutRoot(from, (f) => files[f], win32), win32);
    expect(layout).toEqual({ kind: 'checkout', root });
    expect(resourcesOf(layout, win32)).toMatchObject({
      renderer: `${root}\\dist\\renderer`,
      scenarios: `${root}\\main\\simulator\\scenarios`,
      catalogs: `${root}\\shared\\i18n`,
    });
  });

  it('macOS: the app bundle keeps its resources in Contents/Resources', () => {
    const resources = '/Applications/IPoE Doctor.app/Contents/Resources';
    const layout = layoutOf(`${resources}/app.asar/dist/electron`, resources, noRoot, posix);
    expect(resourcesOf(layout, posix)).toMatchObject({
      preload: `${resources}/app.asar/dist/electron/preload.cjs`,
      scenarios: `${resources}/scenarios`,
      catalogs: `${resources}/i18n`,
    });
  });

  it('Linux: an AppImage or deb install, and an app packed without asar', () => {
    expect(layoutOf('/opt/IPoE Doctor/resources/app.asar/dist/electron', '/opt/IPoE Doctor/resources', noRoot, posix).kind).toBe('packaged');
    expect(layoutOf('/opt/IPoE Doctor/resources/app/dist/electron', '/opt/IPoE Doctor/resources', noRoot, posix)).toEqual({
      kind: 'packaged',
      resourcesPath: '/opt/IPoE Doctor/resources',
      appDir: '/opt/IPoE Doctor/resources/app',
    });
    // A folder that merely starts with "app" is not the app folder.
    expect(() => layoutOf('/opt/x/resources/app.asar2/dist', '/opt/x/resources', noRoot, posix)).toThrow(/no checkout/);
  });

  it('the npm package installed globally: the walk up stops at its own package.json, not a neighbour’s', () => {
    const files: Record<string, string> = {
      '/usr/local/lib/node_modules/ipoe-doctor/package.json': '{"name":"ipoe-doctor"}',
      '/usr/local/lib/package.json': '{"name":"something-else"}',
    };
    expect(findCheckoutRoot('/usr/local/lib/node_modules/ipoe-doctor/dist', (f) => files[f], posix)).toBe('/usr/local/lib/node_modules/ipoe-doctor');
    expect(() => findCheckoutRoot('/srv/elsewhere', (f) => files[f], posix)).toThrow(/IPOE_DOCTOR_ROOT/);
  });
});

describe('the data folder on each platform', () => {
  it('Windows: %APPDATA%\\IPoE Doctor, also without APPDATA set', () => {
    expect(dataDirFor('win32', { APPDATA: 'C:\\Users\\Taro\\AppData\\Roaming' }, 'C:\\Users\\Taro')).toBe('C:\\Users\\Taro\\AppData\\Roaming\\IPoE Doctor');
    expect(dataDirFor('win32', {}, 'C:\\Users\\Taro')).toBe('C:\\Users\\Taro\\AppData\\Roaming\\IPoE Doctor');
  });

  it('macOS: ~/Library/Application Support/IPoE Doctor', () => {
    expect(dataDirFor('darwin', {}, '/Users/taro')).toBe('/Users/taro/Library/Application Support/IPoE Doctor');
  });

  it('Linux: $XDG_CONFIG_HOME/ipoe-doctor, else ~/.config/ipoe-doctor; IPOE_DOCTOR_DATA_DIR wins everywhere', () => {
    expect(dataDirFor('linux', { XDG_CONFIG_HOME: '/home/taro/.cfg' }, '/home/taro')).toBe('/home/taro/.cfg/ipoe-doctor');
    expect(dataDirFor('linux', {}, '/home/taro')).toBe('/home/taro/.config/ipoe-doctor');
    expect(dataDirFor('win32', { IPOE_DOCTOR_DATA_DIR: 'E:\\portable\\data' }, 'C:\\Users\\Taro')).toBe('E:\\portable\\data');
  });
});

describe('how the build scripts start npm', () => {
  it('under npm start, Node runs npm’s own entry script, on Windows too (no .cmd, no shell)', () => {
    const env = { npm_execpath: 'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js' };
    expect(npmInvocation('win32', env, 'C:\\Program Files\\nodejs\\node.exe')).toEqual({
      command: 'C:\\Program Files\\nodejs\\node.exe',
      args: [env.npm_execpath],
      shell: false,
    });
  });

  it('started by hand, Windows needs npm.cmd through a shell; elsewhere npm runs directly', () => {
    expect(npmInvocation('win32', {}, 'node.exe')).toEqual({ command: 'npm.cmd', args: [], shell: true });
    expect(npmInvocation('linux', {}, '/usr/bin/node')).toEqual({ command: 'npm', args: [], shell: false });
  });
});
