import { inEnglish, say } from '../../shared/i18n/message.js';
import { SERVICE_IDS, serviceById, type ServiceId } from '../../shared/services/index.js';
import { FixRefusedError, type SetupDecisions } from '../services/fix-router.js';
import type { CliIo } from './command.js';
import { ask } from './terminal-prompt.js';

/**
 * The set-up's questions on the command line. With --yes the router's evidence answers which DS-Lite service it is
 * (the one AFTR name it resolves), and is said on stderr; a PPPoE default route moves only with --pppoe-default tunnel.
 * Without --yes both are asked on the terminal.
 */
export function cliDecisions(opts: { yes: boolean; pppoeFlag: string | undefined; io: CliIo }): SetupDecisions {
  const { io } = opts;
  return {
    async service({ proposed, finding }) {
      const d = finding.data ?? {};
      io.err(
        `${inEnglish(say('setup.cli.serviceEvidence', { resolved: String(d.resolvedAftr ?? '—'), unresolved: String(d.unresolvedAftr ?? '—'), dns: String(d.dnsServers ?? '—') }))}\n`,
      );
      if (opts.yes) {
        if (!proposed) throw new FixRefusedError('setup-needs-service', say('setup.cli.needsService', { ids: SERVICE_IDS.join(', ') }));
        io.err(`${inEnglish(say('setup.cli.serviceAssumed', { service: serviceById(proposed).name }))}\n`);
        return proposed;
      }
      const answer = ((await ask(`${inEnglish(say('setup.cli.whichService', { ids: SERVICE_IDS.join(', '), proposed: proposed ?? '—' }))} `)) ?? '').trim();
      const chosen = answer === '' ? proposed : answer;
      if (chosen && !(SERVICE_IDS as readonly string[]).includes(chosen)) throw new FixRefusedError('setup-needs-service', say('setup.cli.needsService', { ids: SERVICE_IDS.join(', ') }));
      return (chosen as ServiceId | null) ?? null;
    },
    async movePppoeDefault(route) {
      if (opts.pppoeFlag === 'tunnel') return true;
      if (opts.yes) throw new FixRefusedError('setup-pppoe-flag', say('setup.cli.pppoeFlag', { route }));
      io.err(`${inEnglish(say('setup.msg.pppoeMoves', { route }))}\n`);
      return /^y(es)?$/i.test(((await ask(`${inEnglish(say('setup.cli.pppoeAsk'))} `)) ?? '').trim());
    },
  };
}
