import { fileURLToPath } from 'node:url';

/** The published packages, by folder under packages/. */
export const PACKAGES = ['sdk', 'elements', 'scoring', 'server'] as const;
export type PackageFolder = (typeof PACKAGES)[number];

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What the global setup hands to the tests: the tarball of each package and where they lie. */
export interface Packed {
  dir: string;
  tarballs: Record<PackageFolder, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    packed: Packed;
  }
}
