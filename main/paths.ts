import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The directory holding package.json, found by walking up from this module. It works the same
 * from sources (main/…), from the esbuild bundle (dist/…) and inside a packaged app.
 */
let cached: string | null = null;
export function appRoot(): string {
  if (cached) return cached;
  if (process.env.IPOE_DOCTOR_ROOT) return (cached = process.env.IPOE_DOCTOR_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'main'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the IPoE Doctor install directory (set IPOE_DOCTOR_ROOT)');
    dir = parent;
  }
}
