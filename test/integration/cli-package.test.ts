import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The command line as an npm package: `npm pack`, then `npm install -g` of the tarball into an empty prefix
// (production dependencies only, from the npm cache where it has them), then the installed `ipoe-doctor` run
// from outside the checkout.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const tmp = mkdtempSync(join(tmpdir(), 'ipoe-cli-package-'));
const prefix = join(tmp, 'prefix');
const installed = join(prefix, 'lib', 'node_modules', 'ipoe-doctor');
const bin = join(prefix, 'bin', 'ipoe-doctor');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeout ?? 60_000, maxBuffer: 32 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The environment of a user who has the package and nothing of the checkout. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', IPOE_DOCTOR_DATA_DIR: join(tmp, 'data') };
  delete env.IPOE_DOCTOR_ROOT;
  delete env.IPOE_DOCTOR_FROM_SOURCE;
  delete env.NODE_OPTIONS;
  return env;
}
const ipoeDoctor = (...args: string[]): Promise<Run> => run(bin, args, { cwd: tmp, env: userEnv() });

describe('ipoe-doctor as an npm package', () => {
  let files: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'cli.mjs'))) throw new Error('dist/cli.mjs is missing: run `npm run build` first');
    // --ignore-scripts: prepack would rebuild dist/ while other suites serve it; `npm test` has just built it.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root });
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    mkdirSync(prefix);
    const install = await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', join(tmp, info!.filename)],
      { cwd: tmp, timeout: 300_000 },
    );
    expect(install.code, install.stderr).toBe(0);
  }, 320_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('the tarball holds the CLI bundle, the scenarios and the catalogs, and no tests, screenshots or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['bin/ipoe-doctor.mjs', 'dist/cli.mjs', 'shared/i18n/ja.json', 'shared/i18n/en.json', 'main/simulator/scenarios/fixed-ip-br-typo/scenario.json']));
    expect(files.filter((f) => /^(test|docs|renderer|bench|build)\/|\.tsx?$|\.png$|\.map$/.test(f))).toEqual([]);
  });

  it('installs without any dev dependency', () => {
    const deps = readdirSync(join(installed, 'node_modules')).flatMap((d) => (d.startsWith('@') ? readdirSync(join(installed, 'node_modules', d)).map((s) => `${d}/${s}`) : [d]));
    expect(deps).toContain('serialport');
    expect(deps.filter((d) => d in pkg.devDependencies)).toEqual([]);
  });

  it('diagnose --demo fixed-ip-br-typo --json: exit 1 with the three causes', async () => {
    const r = await ipoeDoctor('diagnose', '--demo', 'fixed-ip-br-typo', '--json');
    expect(r.code, r.stderr).toBe(1);
    const codes = (JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    expect(codes.sort()).toEqual(['BR_ADDRESS_WRONG', 'IPV4_FILTER_LAN_MISMATCH', 'TUNNEL_NO_RX']);
  });

  it('diagnose in Japanese reads the catalogs the package ships', async () => {
    const r = await ipoeDoctor('diagnose', '--demo', 'fixed-ip-br-typo', '--lang', 'ja');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('IPv4接続を妨げる問題が 3 件見つかりました。');
  });

  it('calc gives the MAP-E figures', async () => {
    const r = await ipoeDoctor('calc', '240b:13:1a65:a100::/56', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ipv4: '14.9.26.101', psid: 161 });
  });

  it('linux-ce plan shows the plan', async () => {
    const r = await ipoeDoctor('linux-ce', 'plan', '--service', 'v6plus', '--prefix', '240b:13:1a65:a100::/56', '--wan', 'eth0', '--gateway', 'fe80::1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tunnel ipoe0 → 2404:9200:225:100::64');
    expect(r.stdout).toContain('IPv4 14.9.26.101, 240 ports in 15 blocks');
  });

  it('simulate serves the twin’s console on stdin/stdout', async () => {
    const child = spawn(bin, ['simulate', 'fixed-ip-br-typo'], { cwd: tmp, env: userEnv() });
    let out = '';
    const prompt = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('latin1');
        if (/Username:|Password:/.test(out)) resolve();
      });
    });
    child.stdin.write('\r');
    try {
      await prompt;
    } finally {
      child.kill();
    }
    expect(out).toMatch(/Username:|Password:/);
  });
});
