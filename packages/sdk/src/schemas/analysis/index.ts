export type { ZodOfObject } from './from-rules.js';
export * from './inputs.js';
export * from './outputs.js';
