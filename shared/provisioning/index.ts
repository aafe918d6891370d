/** HB46PP (the providers' own provisioning, "v6mig"): parsing and checks, pure. The I/O is main/provisioning/. */
export * from './types.js';
export * from './hb46pp.js';
export * from './record.js';
export * from './url.js';
