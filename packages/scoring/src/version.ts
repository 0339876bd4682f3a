import { version } from '../package.json';

/** Written into run records and ONNX files; read from package.json (the build inlines the one field). */
export const SCORING_VERSION: string = version;
