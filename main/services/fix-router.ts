import { diagnose, type DiagnosisResult } from '../../shared/diagnosis/engine.js';
import type { CommandOutput, ContractNotice } from '../../shared/diagnosis/input.js';
import type { Finding, FixPlan } from '../../shared/diagnosis/types.js';
import { MessageError, say } from '../../shared/i18n/message.js';
import type { ServiceId } from '../../shared/services/index.js';
import type { RtxSession } from '../devices/rtx-session.js';
import { safeApplyRtx, type ApplyEvent, type ApplyOutcome } from '../apply/safe-apply.js';
import { diagnoseRtxSession } from './diagnose-live.js';

/** The questions a set-up asks before it changes anything (the CLI asks on the terminal or takes flags). */
export interface SetupDecisions {
  /** DS-Lite: which service to set up, given the router's evidence; null declines. */
  service(question: { proposed: ServiceId | null; finding: Finding }): Promise<ServiceId | null>;
  /** A PPPoE default route the set-up moves to the tunnel: may it? */
  movePppoeDefault(route: string): Promise<boolean>;
}

export interface FixRouterOptions {
  device: { model: string; firmware: string };
  notice?: ContractNotice;
  /** Identify's outputs on this session, to be reused by the gather. */
  reuse?: readonly CommandOutput[];
  /** Only these codes' fixes (else every non-info finding's). */
  only?: string[];
  dataDir: string;
  pingTarget: string;
  decisions: SetupDecisions;
  confirm?: (command: string) => Promise<boolean>;
  onEvent?: (e: ApplyEvent) => void;
}

export interface FixRouterResult {
  result: DiagnosisResult;
  /** The notice as used (with the service the user confirmed). */
  notice: ContractNotice | undefined;
  plans: FixPlan[];
  outcome: ApplyOutcome | null;
}

/** Why `fix` cannot go on, said to the user (the CLI prints the English). */
export class FixRefusedError extends MessageError {}

/**
 * Diagnose, settle what a set-up needs to know (the DS-Lite service, a PPPoE default route, the notice), then apply the
 * router-side fixes safely: back up, apply unsaved, verify (RX rises, IPv4 ping), save, or revert to the backup.
 */
export async function fixRouter(session: RtxSession, opts: FixRouterOptions): Promise<FixRouterResult> {
  let notice = opts.notice;
  const live = await diagnoseRtxSession(session, opts.device, { ...(opts.reuse ? { reuse: opts.reuse } : {}), ...(notice ? { notice } : {}) });
  let result = live.result;
  const rediagnose = () => diagnose({ platform: 'rtx', source: 'live', outputs: live.outputs, device: opts.device, ...(notice ? { notice } : {}) });

  const missing = result.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING');
  const wanted = (f: Finding) => (opts.only ? opts.only.includes(f.code) : f.severity !== 'info');
  if (missing && !missing.fix && missing.data?.refused === 'needs-service' && wanted(missing)) {
    const chosen = await opts.decisions.service({ proposed: (missing.data.service as ServiceId | null) ?? null, finding: missing });
    if (chosen) {
      notice = { ...notice, serviceId: chosen };
      result = rediagnose();
    }
  }
  const setup = result.findings.find((f) => f.code === 'IPV4_TUNNEL_MISSING');
  if (setup && !setup.fix && setup.data?.refused === 'needs-notice' && wanted(setup)) {
    throw new FixRefusedError('setup-needs-notice', say('setup.cli.needsNotice', { fields: String(setup.data.missingNotice ?? '') }));
  }
  const candidates = result.findings.filter((f) => f.fix?.target === 'rtx' && wanted(f));
  for (const code of opts.only ?? []) if (!candidates.some((f) => f.code === code)) throw new FixRefusedError('no-router-fix', say('msg.wizard.noRouterFix', { code }));
  const route = setup?.fix && candidates.includes(setup) ? (setup.data?.pppoeDefaultRoute as string | null) : null;
  if (route && !(await opts.decisions.movePppoeDefault(route))) {
    throw new FixRefusedError('setup-pppoe-declined', say('setup.cli.pppoeDeclined', { route }));
  }
  const plans = candidates.map((f) => f.fix!);
  if (plans.length === 0) return { result, notice, plans, outcome: null };
  const outcome = await safeApplyRtx(session, plans, {
    dataDir: opts.dataDir,
    model: opts.device.model,
    pingTarget: opts.pingTarget,
    secrets: { ...(notice?.updateUser ? { updateUser: notice.updateUser } : {}), ...(notice?.updatePassword ? { updatePassword: notice.updatePassword } : {}) },
    ...(opts.confirm ? { confirm: opts.confirm } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  return { result, notice, plans, outcome };
}
