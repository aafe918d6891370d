#!/usr/bin/env node
// Renders every app icon from the one source image, build/icon.svg (`node build/make-icons.mjs`):
// build/icon.png (1024 px), build/icon.ico (Windows), build/icon.icns (macOS) and build/icons/NxN.png (Linux).
// The outputs are committed; test/unit/packaging/icons.test.ts fails when they no longer match the source.
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const buildDir = dirname(fileURLToPath(import.meta.url));
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

/** The source drawn at `size` pixels square. Shapes only and no system fonts, so every machine draws the same. */
function render(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/** Every icon file, relative to build/, with its bytes. */
export function renderIcons(svg = readFileSync(join(buildDir, 'icon.svg'))) {
  const large = render(svg, 1024);
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, false, true);
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert the rendered icon');
  const files = new Map([
    ['icon.png', large],
    ['icon.ico', ico],
    ['icon.icns', icns],
  ]);
  for (const size of LINUX_SIZES) files.set(`icons/${size}x${size}.png`, render(svg, size));
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, bytes] of renderIcons()) {
    const file = join(buildDir, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    console.log(`${name}  ${bytes.length} bytes`);
  }
}
