/** IPC channel names shared by the main process and the preload (which may import nothing heavy). */
export const IPC_INVOKE = 'ipoe-doctor:invoke';
export const IPC_EVENT = 'ipoe-doctor:event';
