/**
 * The line check from this computer, as a region of the wizard: a form (the router and service the user knows),
 * the check itself, and its result (with the support report) and the ways forward: a Yamaha RTX (back to the connect screen, the router
 * path) or this computer as the CE (Linux CE mode). No session is opened: nothing here logs into anything.
 */
import { assign } from 'xstate';
import { failsAt, wizardSetup } from './setup.js';
import { reportStates } from './report-states.js';

export const lineCheckRegion = wizardSetup.createStateConfig({
  initial: 'form',
  states: {
    form: {
      meta: { step: null, screen: 'lineCheck' },
      on: {
        LINE_CHECK_RUN: { target: 'running', actions: assign({ lineCheckRequest: ({ event }) => event.request, lineCheck: null }) },
        BACK: '#wizard.chooseConnection',
        CANCEL: '#wizard.chooseConnection',
      },
    },
    running: {
      meta: { step: null, screen: 'lineCheck', activity: 'linecheck.running' },
      invoke: {
        id: 'lineCheck',
        src: 'lineCheck',
        input: ({ context }) => ({ request: context.lineCheckRequest ?? {} }),
        onDone: { target: 'findings', actions: assign({ lineCheck: ({ event }) => event.output }) },
        onError: failsAt('line-check'),
      },
    },
    // The result: what the line is, its findings and checklists, the ways forward (named `findings` for the report's BACK).
    findings: {
      meta: { step: null, screen: 'lineCheck' },
      on: {
        // The ISP / VNE / vendor report from what this computer saw (the same report states as the other flows).
        REPORT: 'reporting',
        LINE_CHECK_RUN: { target: 'running', actions: assign({ lineCheckRequest: ({ event }) => event.request, lineCheck: null }) },
        BACK: '#wizard.chooseConnection',
        // Linux CE mode on this computer (the option the check offers); the connect screen offers another host.
        CE_CONNECT: {
          target: '#wizard.linuxCe',
          actions: assign({ ceTarget: ({ event }) => event.target, mode: 'linuxCe', request: null, error: null }),
        },
      },
    },
    ...reportStates('report'),
  },
});
