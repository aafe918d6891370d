// electron-builder settings for the desktop installers (`npm run dist`). Names shown to the user come from
// the i18n catalogs, so the installers say what the app says, in Japanese and English.
import { readFileSync } from 'node:fs';

const catalog = (lang) => JSON.parse(readFileSync(new URL(`../shared/i18n/${lang}.json`, import.meta.url), 'utf8'));
const ja = catalog('ja');
const en = catalog('en');

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'jp.ipoe-doctor.app',
  productName: en.app.title,
  executableName: 'ipoe-doctor',
  copyright: 'IPoE Doctor contributors',
  directories: { output: 'release', buildResources: 'build' },
  // The app folder: the bundles `npm run build` makes, and the production node_modules electron-builder adds.
  // The CLI and browser-mode bundles are not part of the desktop app.
  files: [
    'package.json',
    'dist/electron/**',
    'dist/renderer/**',
    '!**/*.map',
    // Built on the developer's machine for Node's ABI, not Electron's: ssh2 falls back to pure JavaScript.
    '!node_modules/ssh2/lib/protocol/crypto/build/**',
    '!node_modules/cpu-features/**',
  ],
  // serialport stays outside the esbuild bundle (build/bundle.mjs keeps packages external) and its native
  // binding is loaded from real files: node-gyp-build picks the prebuilt N-API binary for the platform.
  asarUnpack: ['node_modules/serialport/**', 'node_modules/@serialport/**'],
  // Read at run time by the main process (main/paths.ts finds them under process.resourcesPath).
  extraResources: [
    { from: 'main/simulator/scenarios', to: 'scenarios', filter: ['**/*'] },
    { from: 'shared/i18n', to: 'i18n', filter: ['*.json'] },
  ],
  // serialport ships N-API prebuilds; rebuilding would need Electron headers from the network.
  npmRebuild: false,
  electronLanguages: ['ja', 'en-US'],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icons',
    category: 'Network',
    maintainer: 'IPoE Doctor contributors',
    synopsis: en.app.tagline,
    description: en.app.tagline,
    desktop: {
      entry: {
        Name: en.app.title,
        'Name[ja]': ja.app.title,
        Comment: en.app.tagline,
        'Comment[ja]': ja.app.tagline,
      },
    },
  },
  deb: { priority: 'optional' },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  win: { target: ['nsis'], icon: 'build/icon.ico' },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    multiLanguageInstaller: true,
    installerLanguages: ['ja_JP', 'en_US'],
    language: '1041',
    createDesktopShortcut: 'always',
    shortcutName: en.app.title,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },
  mac: { target: ['dmg'], icon: 'build/icon.icns', category: 'public.app-category.utilities' },
  dmg: { title: '${productName} ${version}' },
};

export default config;
