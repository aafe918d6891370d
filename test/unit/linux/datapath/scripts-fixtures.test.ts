/**
 * What runs on a host does not change by accident: for every service (and each variant that changes a script)
 * the apply, rollback and boot scripts, the nft table and the verify commands are compared byte for byte with the
 * files in test/fixtures/datapath/scripts/ (made from the code before issue 10 moved it); the persistence scripts
 * and the unit, which wrap those, for one service of each kind (MAP-E, fixed IP, DS-Lite).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../../shared/linux/datapath/plan.js';
import { persistScript, unitFile, unpersistScript } from '../../../../shared/linux/datapath/persist.js';
import { PLAN_CASES } from './cases.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'datapath', 'scripts');
const fixture = (...parts: string[]) => readFileSync(join(dir, ...parts), 'utf8');

describe.each(Object.entries(PLAN_CASES))('the scripts for %s are byte-identical to the fixtures', (name, input) => {
  const plan = buildPlan(input);

  it('apply, rollback, boot-time script and nft table', () => {
    expect(plan.script).toBe(fixture(name, 'apply.sh'));
    expect(plan.rollbackScript).toBe(fixture(name, 'rollback.sh'));
    expect(plan.upScript).toBe(fixture(name, 'up.sh'));
    expect(plan.nftRuleset).toBe(fixture(name, 'ruleset.nft'));
  });

  it('the verify commands', () => {
    expect(plan.verify.map((v) => `# ${v.id}\n${v.command}\n`).join('')).toBe(fixture(name, 'verify.sh'));
  });
});

/** Persistence wraps the scripts above: one service of each encapsulation. */
describe.each(['biglobe', 'v6plus-fixed', 'transix-dslite'])('persistence for %s is byte-identical to the fixtures', (name) => {
  const plan = buildPlan(PLAN_CASES[name]!);
  const src = { serviceName: plan.summary.serviceName, br: plan.summary.br, upScript: plan.upScript, rollbackScript: plan.rollbackScript, nftRuleset: plan.nftRuleset };

  it('with and without systemd, and the unit', () => {
    expect(persistScript(src, true)).toBe(fixture(name, 'persist.sh'));
    expect(persistScript(src, false)).toBe(fixture(name, 'persist-no-systemd.sh'));
    expect(unitFile(src)).toBe(fixture(name, 'unit.service'));
  });
});

it('the unpersist script is byte-identical to its fixture', () => {
  expect(unpersistScript()).toBe(fixture('unpersist.sh'));
});
