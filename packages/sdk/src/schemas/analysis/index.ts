// ZodOfObject (./from-rules.js) stays internal: re-exported through the `contract` namespace, the
// bundled .d.ts declared it as a value (TS2693 for every user with skipLibCheck off).
export * from './inputs.js';
export * from './outputs.js';
