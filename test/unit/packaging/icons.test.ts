import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LINUX_SIZES, renderIcons } from '../../../build/make-icons.mjs';
import config from '../../../build/electron-builder.config.mjs';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'build');
const pngSize = (png: Buffer): [number, number] => [png.readUInt32BE(16), png.readUInt32BE(20)];

describe('the app icons', () => {
  const rendered = renderIcons();

  it('the committed icons are what build/icon.svg renders to today (else run `npm run icons`)', () => {
    const stale = [...rendered].filter(([name, bytes]) => !readFileSync(join(buildDir, name)).equals(bytes)).map(([name]) => name);
    expect(stale).toEqual([]);
  });

  it('a changed source makes them stale, so the check above can fail', () => {
    const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8').replace('#22b35e', '#d0312d');
    expect(renderIcons(svg).get('icon.png')!.equals(readFileSync(join(buildDir, 'icon.png')))).toBe(false);
  });

  it('every platform gets the format it needs, at the sizes electron-builder asks for', () => {
    expect(pngSize(rendered.get('icon.png')!)).toEqual([1024, 1024]);
    for (const size of LINUX_SIZES) expect(pngSize(rendered.get(`icons/${size}x${size}.png`)!)).toEqual([size, size]);
    const ico = rendered.get('icon.ico')!;
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    expect(ico[6]).toBe(0); // its first image is 256 px (stored as 0), the size NSIS and Windows Explorer use
    const icns = rendered.get('icon.icns')!;
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    // The configuration names these files.
    expect([config.win?.icon, config.mac?.icon, config.linux?.icon]).toEqual(['build/icon.ico', 'build/icon.icns', 'build/icons']);
  });
});
