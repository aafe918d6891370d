/**
 * What each wizard state tells the UI about itself (its `meta`): the step of the step bar, the screen that
 * shows it and, for work under way, the catalog key of the line that says what is happening. The renderer
 * switches on `screen` and never names a state.
 */
export const WIZARD_SCREENS = [
  'connect',
  'hostKey',
  'legacySsh',
  'sshPreview',
  'progress',
  'identified',
  'gather',
  'findings',
  'fixPreview',
  'apply',
  'fixed',
  'reverted',
  'recovery',
  'recovered',
  'report',
  'setupService',
  'setupNotice',
  'setupPreview',
  'ceDetected',
  'cePlan',
  'ceApplied',
  'ceRolledBack',
  'lineCheck',
  'failed',
] as const;
export type WizardScreen = (typeof WIZARD_SCREENS)[number];

/** The step bar of each flow, in order; each state names its step (the catalog has `steps.<id>` / `ce.steps.<id>`). */
export const ROUTER_STEPS = ['connect', 'identify', 'gather', 'diagnose', 'fix', 'verify', 'report'] as const;
export const LINUX_CE_STEPS = ['connect', 'detect', 'plan', 'apply', 'verify', 'persist'] as const;
export type RouterStep = (typeof ROUTER_STEPS)[number];
export type LinuxCeStep = (typeof LINUX_CE_STEPS)[number];

export type WizardStateMeta =
  | {
      /** The step bar's step (states outside a flow use `connect`, the first step of both); null: none. */
      step: RouterStep | LinuxCeStep | null;
      screen: WizardScreen;
      /** Catalog key of the line that says what is under way (`{{label}}` is the connection's name). */
      activity?: string;
    }
  | {
      /**
       * A brief internal step, shown as the user-facing state it leads to (a dotted state path): the view
       * never shows it, and the contract's state list leaves it out.
       */
      shownAs: string;
    };
