import { assign } from 'xstate';
import type { LinuxCeStep, RouterStep } from './meta.js';
import { failsAt, wizardSetup } from './setup.js';

/**
 * The support report, the same in both flows: built from the flow's own diagnosis, and BACK returns to
 * that flow's findings (targets are relative, so they stay inside the region that holds these states).
 */
export function reportStates(step: RouterStep | LinuxCeStep) {
  return {
    reporting: wizardSetup.createStateConfig({
      meta: { step, screen: 'progress', activity: 'progress.reporting' },
      invoke: {
        id: 'buildReport',
        src: 'buildReport',
        input: ({ event, context }) => ({
          lang: event.type === 'REPORT' ? event.lang : (context.report?.lang ?? 'ja'),
          applyOutcome: context.applyOutcome,
        }),
        onDone: { target: 'report', actions: assign({ report: ({ event }) => event.output }) },
        onError: failsAt('report'),
      },
    }),
    report: wizardSetup.createStateConfig({
      meta: { step, screen: 'report' },
      on: {
        REPORT: 'reporting',
        BACK: 'findings',
        DISCONNECT: [{ guard: 'hasSession', target: '#wizard.closing' }, { target: '#wizard.chooseConnection' }],
      },
    }),
  };
}
