/**
 * Every diagnosis input the repository holds, run through the engine: the RTX fixture folders, the Linux/VyOS
 * fixture transcripts, the pasted field transcripts, and every twin scenario gathered live over the twin's
 * console. What comes out (codes in the engine's order, unknown commands, notes, and for the twin the commands
 * gathered) is the regression record `codes.json` beside this file: a reshaping of the core must leave it as it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnose, type DiagnosisResult } from '../../../shared/diagnosis/engine.js';
import type { ContractNotice, DiagnosisInput } from '../../../shared/diagnosis/input.js';
import { transcriptToInput } from '../../../shared/diagnosis/transcript.js';
import { linuxTranscriptInput } from '../../../shared/diagnosis/linux/facts.js';
import { ALL_RULES } from '../../../shared/diagnosis/registry.js';
import { gatherRtx } from '../../../main/gather/gather-rtx.js';
import { listScenarioIds } from '../../../main/simulator/host/scenario-files.js';
import { openTwin } from '../simulator/twin-helpers.js';
import { loadCase, transcriptInput } from './rtx/fixtures.js';

export interface Record {
  codes: string[];
  unknown: string[];
  notes: string[];
  /** Twin scenarios: the commands the gather plan asked, in order. */
  gathered?: string[];
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The contract notices the fixed-IP fixtures are also run with: the right one and one with another fixed IPv4. */
const FIXED_NOTICE: ContractNotice = { serviceId: 'v6plus-fixed', fixedIpv4: '203.0.113.10', interfaceId: '::cb:71:a00:0' };
const FIXED_NOTICE_OTHER_IPV4: ContractNotice = { ...FIXED_NOTICE, fixedIpv4: '203.0.113.99' };

function record(r: DiagnosisResult, gathered?: string[]): Record {
  return { codes: r.findings.map((f) => f.code), unknown: r.unknown, notes: r.notes, ...(gathered ? { gathered } : {}) };
}

function dirs(path: string): string[] {
  return readdirSync(FIXTURES + path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

function files(path: string, ext: RegExp): string[] {
  return readdirSync(FIXTURES + path).filter((f) => ext.test(f)).sort();
}

/** The fixture inputs (no twin), by a stable name. */
export function fixtureInputs(): [string, DiagnosisInput][] {
  const out: [string, DiagnosisInput][] = [];
  for (const c of dirs('diagnosis/rtx')) {
    out.push([`diagnosis/rtx/${c}`, transcriptInput(loadCase(c))]);
    if (c.includes('fixed')) out.push([`diagnosis/rtx/${c} + notice`, transcriptInput(loadCase(c), FIXED_NOTICE_OTHER_IPV4)]);
  }
  for (const f of files('diagnosis/linux', /\.txt$/)) {
    const text = readFileSync(`${FIXTURES}diagnosis/linux/${f}`, 'utf8');
    out.push([`diagnosis/linux/${f}`, linuxTranscriptInput(text)]);
    if (f.includes('fixed')) {
      out.push([`diagnosis/linux/${f} + notice`, linuxTranscriptInput(text, { notice: FIXED_NOTICE })]);
      out.push([`diagnosis/linux/${f} + notice (other IPv4)`, linuxTranscriptInput(text, { notice: FIXED_NOTICE_OTHER_IPV4 })]);
    }
  }
  for (const f of files('transcripts', /\.(log|txt)$/)) {
    out.push([`transcripts/${f}`, transcriptToInput(readFileSync(`${FIXTURES}transcripts/${f}`, 'utf8'))]);
  }
  for (const d of dirs('linux')) {
    const path = `${FIXTURES}linux/${d}/transcript.txt`;
    if (!files(`linux/${d}`, /^transcript\.txt$/).length) continue;
    out.push([`linux/${d}/transcript.txt`, transcriptToInput(readFileSync(path, 'utf8'))]);
  }
  return out;
}

/** Gather from every twin scenario over its console exactly as the app does, then diagnose. */
export async function twinRecords(): Promise<[string, Record][]> {
  const out: [string, Record][] = [];
  for (const id of listScenarioIds()) {
    const { session, scenario } = await openTwin(id, { admin: true });
    try {
      const outputs = await gatherRtx(session, ALL_RULES, () => undefined);
      const device = { model: scenario.device.model, firmware: scenario.device.firmware };
      out.push([`twin/${id}`, record(diagnose({ platform: 'rtx', source: 'live', outputs, device }), outputs.map((o) => o.command))]);
    } finally {
      await session.close();
    }
  }
  return out;
}

export async function corpus(): Promise<{ [name: string]: Record }> {
  const out: { [name: string]: Record } = {};
  for (const [name, input] of fixtureInputs()) out[name] = record(diagnose(input));
  for (const [name, r] of await twinRecords()) out[name] = r;
  return out;
}
