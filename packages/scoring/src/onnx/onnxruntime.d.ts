/// <reference types="onnxruntime-web" />
// onnxruntime-web types its entry points as ambient modules; give the "imports" alias the same API.
declare module '#onnxruntime' {
  export * from 'onnxruntime-web';
}
