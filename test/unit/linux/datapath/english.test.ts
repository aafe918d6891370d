/**
 * The core's texts became catalog codes (issue 10); the English the CLI prints from them must be what the core
 * printed before, word for word. test/fixtures/datapath/english.json holds that English, made by the code before
 * the change: every plan case's steps, warnings and checks, the plan errors, every gap of the detection cases with
 * `detect`'s report, a snapshot diff, and the whole output of `linux-ce plan` (text and --json).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../main/cli/index.js';
import { cliText, renderFacts } from '../../../../main/cli/render-linux-ce.js';
import { linuxCeErrorText } from '../../../../main/datapath/linux-ce-host.js';
import { compareSnapshots, type Snapshot } from '../../../../shared/linux/datapath/snapshot.js';
import { buildPlan, type PlanInput } from '../../../../shared/linux/datapath/plan.js';
import { interpretDetection } from '../../../../shared/linux/host-facts.js';
import { PLAN_CASES, PLAN_ERROR_CASES } from './cases.js';
import { DETECT_CASES } from './detect-cases.js';

interface Before {
  plans: Record<string, { summary: unknown; steps: string[]; warnings: string[]; verify: string[] }>;
  errors: Record<string, string>;
  detect: Record<string, { gaps: unknown[]; text: string }>;
  snapshotDiff: unknown;
  snapshotInputs: { before: Snapshot; after: Snapshot };
  /**
   * What `linux-ce plan` printed. The scripts inside, which scripts-fixtures.test.ts holds byte for byte, stand
   * as `@@apply.sh@@` (and so on) here.
   */
  cli: Record<string, { code: number; out: string | Record<string, unknown>; err: string }>;
}

const before = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'datapath', 'english.json'), 'utf8'),
) as Before;
const en = cliText('en');

describe('the English of the Linux CE core is what it was before its texts became codes', () => {
  it.each(Object.entries(PLAN_CASES))('%s: summary, steps, warnings and checks', (name, input) => {
    const plan = buildPlan(input);
    expect({ summary: plan.summary, steps: plan.steps.map((s) => en(s.text)), warnings: plan.warnings.map(en), verify: plan.verify.map((v) => en(v.text)) }).toEqual(
      before.plans[name],
    );
  });

  it.each(Object.entries(PLAN_ERROR_CASES))('the plan error %s', (name, input) => {
    let said = 'NO ERROR';
    try {
      buildPlan(input);
    } catch (err) {
      const text = linuxCeErrorText(err);
      said = `${(err as Error).name}: ${text ? en(text) : (err as Error).message}`;
      // An error's own message is its English CLI text too (for logs, and for what reads `message`).
      expect((err as Error).message).toBe(text ? en(text) : (err as Error).message);
    }
    expect(said).toBe(before.errors[name]);
  });

  it.each(Object.entries(DETECT_CASES))('detection %s: every gap, and the report', (name, c) => {
    const facts = interpretDetection(c.outputs, c.opts);
    expect(facts.gaps.map((g) => ({ ...g, message: en(g.message), hint: en(g.hint) }))).toEqual(before.detect[name]!.gaps);
    expect(renderFacts(facts, en)).toBe(before.detect[name]!.text);
  });

  it('a snapshot diff: what differs and what is ignored', () => {
    const d = compareSnapshots(before.snapshotInputs.before, before.snapshotInputs.after);
    expect({ ...d, differences: d.differences.map(en), ignored: d.ignored.map(en) }).toEqual(before.snapshotDiff);
  });
});

/** The flags `linux-ce plan` takes for a case (tunnels to take over need a host, so those cases are left out). */
function flags(i: PlanInput): string[] {
  const f = ['--service', i.service, '--prefix', i.prefix, '--wan', i.wan, '--gateway', i.gateway];
  const add = (k: string, v: string | undefined) => void (v && f.push(k, v));
  add('--br', i.br);
  add('--fixed-ipv4', i.fixedIpv4);
  add('--fixed-iid', i.fixedIid);
  add('--update-user', i.updateUser);
  add('--local-address', i.localAddress);
  if (i.verify) f.push('--verify-host', `${i.verify.host}:${i.verify.port}`);
  return f;
}

const scriptFile = (name: string, file: string) =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'datapath', 'scripts', name, file), 'utf8');
const SCRIPT_FIELDS = { script: 'apply.sh', rollbackScript: 'rollback.sh', upScript: 'up.sh', nftRuleset: 'ruleset.nft' } as const;

/**
 * --json output with the codes the texts now carry beside them taken out (what remains is the old shape), and
 * each script, once it is the case's own byte for byte, as its marker.
 */
function withoutCodes(json: string, name: string): unknown {
  const j = JSON.parse(json) as Record<string, unknown> & { steps?: { text?: unknown }[]; verify?: { text?: unknown }[] };
  for (const s of [...(j.steps ?? []), ...(j.verify ?? [])]) delete s.text;
  for (const [field, file] of Object.entries(SCRIPT_FIELDS)) {
    expect(j[field], field).toBe(scriptFile(name, file));
    j[field] = `@@${file}@@`;
  }
  return j;
}

describe('`linux-ce plan` prints what it printed before (text and --json)', () => {
  const cases = Object.entries({ ...PLAN_CASES, ...PLAN_ERROR_CASES }).filter(([, i]) => !i.replaceExisting);
  it.each(cases)('%s', async (name, input) => {
    for (const json of [false, true]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(['linux-ce', 'plan', ...flags(input), ...(json ? ['--json'] : [])], { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {} });
      const was = before.cli[`${name}${json ? ' --json' : ''}`]!;
      expect({ code, err: err.join('') }).toEqual({ code: was.code, err: was.err });
      if (was.code !== 0) expect(out.join('')).toBe(was.out);
      else if (json) expect(withoutCodes(out.join(''), name)).toEqual(was.out);
      else {
        const script = scriptFile(name, 'apply.sh');
        expect(out.join('').split(script)).toHaveLength(2);
        expect(out.join('').replace(script, '@@apply.sh@@')).toBe(was.out);
      }
    }
  });
});
