/**
 * One router's state, shared by every console session on it (a serial console, SSH shells): the config in
 * force, the config stored by the last `save` (CONFIG0), whether changes are unsaved, and its network. What
 * outlives the power is kept by the host through `RouterMemory` (files in `simulate --state-dir`); the twin
 * itself stays pure.
 */
import type { BootCause } from './boot.js';
export type { BootCause } from './boot.js';
import { RunningConfig } from './running-config.js';
import type { Scenario } from './scenario.js';
import { TwinNetwork } from './twin-network.js';

/** What a router keeps when its power goes. The host stores it; the router reads it at power-on and writes it on `save`. */
export interface RouterMemory {
  /** CONFIG0 as last saved, or null for a router never saved here (it boots with the scenario's config). */
  readSaved(): string | null;
  /** Store CONFIG0; durable when this returns (a power cut afterwards keeps it). */
  writeSaved(config: string): void;
  /** This start is a power cycle of a router that ran before (its memory outlived the last run). */
  readonly poweredOnBefore: boolean;
}

export interface RouterStateOptions {
  memory?: RouterMemory;
  clock?: () => Date;
}

export class RouterState {
  running: RunningConfig;
  /** CONFIG0: what the router boots with. */
  saved: string;
  /** Changes made in administrator mode that no `save` has stored yet (the save prompt on leaving asks then). */
  dirty = false;
  readonly bootCause: BootCause;
  readonly network: TwinNetwork;
  private readonly memory: RouterMemory | null;

  constructor(
    readonly scenario: Scenario,
    opts: RouterStateOptions = {},
  ) {
    this.memory = opts.memory ?? null;
    const stored = this.memory?.readSaved() ?? null;
    // At power-on the config in force is the saved one: unsaved changes of the last run are gone.
    this.running = new RunningConfig(stored ?? scenario.config);
    this.saved = this.running.text();
    this.bootCause = this.memory?.poweredOnBefore ? 'power-on' : 'restart';
    this.network = new TwinNetwork(scenario, () => this.running.text(), opts.clock ?? (() => new Date()), {
      bootConfig: this.saved,
      bootCause: this.bootCause,
    });
  }

  /** Config put in force and stored before any session (a router set up earlier, e.g. with SSH already on). */
  preset(text: string): void {
    this.running = new RunningConfig(text);
    this.store();
  }

  /** `save`: CONFIG0 becomes the config in force, through the host's memory when there is one. */
  store(): void {
    const text = this.running.text();
    this.memory?.writeSaved(text);
    this.saved = text;
    this.dirty = false;
  }
}
