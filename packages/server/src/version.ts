import { version } from '../package.json';

/** This package's version, read from package.json (the build inlines the one field). */
export const SERVER_VERSION: string = version;
