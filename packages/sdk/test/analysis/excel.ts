/** formulajs answers an Error object (#NUM!, #VALUE!) instead of throwing; a test wants the number. */
export function excelNumber(result: number | Error): number {
  if (typeof result !== 'number') throw result;
  return result;
}
