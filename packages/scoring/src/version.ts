/** Written into run records and ONNX files; keep in step with package.json. */
export const SCORING_VERSION = '0.1.0';
