import { describe, expect, it } from 'vitest';
import { encodeTable, fitTableEncoding } from '../../src/data/table-encoding.js';
import { binMatrix, fitBinEdges, MISSING_BIN } from '../../src/train/binning.js';
import { foldMatrix } from '../../src/train/cross-validation.js';
import { createRandom } from '../../src/train/random.js';
import { trainModelOnMatrix } from '../../src/train/train-model.js';

describe('foldMatrix', () => {
  // Column 0 holds category codes 0–3, column 1 a number; rows 0–7 are the fold's fitting rows.
  const codes = [0, 0, 1, 1, 2, 2, Number.NaN, 0, 3, 1];
  const labels = Uint8Array.from([1, 1, 0, 0, 0, 1, 1, 1, 0, 0]);
  const data = Float32Array.from(codes.flatMap((code, i) => [code, i]));
  const matrix = binMatrix(data, codes.length, fitBinEdges(data, 2, Uint32Array.from(codes.keys())));
  const fitRows = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
  const column = (m: typeof matrix, feature: number) =>
    Array.from(m.codes.subarray(feature * m.rows, (feature + 1) * m.rows));

  it("orders a categorical column's codes by the fitting rows' positive rate alone", () => {
    const fold = foldMatrix(data, matrix, labels, fitRows, { categorical: [true, false], maxBins: 255 });
    // Fitting rows: category 1 has 0 of 2 positive, 2 has 1 of 2, 0 has 3 of 3; category 3 appears
    // only in a held-out row, so it is missing to this fold, as an unseen category is when scoring.
    expect(column(fold, 0)).toEqual([2, 2, 0, 0, 1, 1, MISSING_BIN, 2, MISSING_BIN, 0]);
    expect(fold.edges[0]).toHaveLength(3);
    expect(column(fold, 1)).toEqual(column(matrix, 1));
    expect(column(matrix, 0)).toEqual([0, 0, 1, 1, 2, 2, MISSING_BIN, 0, 3, 1]);
  });

  it('leaves a matrix without categorical columns as it is', () => {
    expect(foldMatrix(data, matrix, labels, fitRows, { categorical: [false, false], maxBins: 255 })).toBe(
      matrix,
    );
    expect(foldMatrix(data, matrix, labels, fitRows, { categorical: undefined, maxBins: 255 })).toBe(matrix);
  });

  it('keeps the held-out labels out of the cross-validated score: an id column of noise scores by chance', async () => {
    // Every row its own category and random labels. Ordered by all rows' labels, the codes sort the
    // positives after the negatives, so trees reading them unchanged score a CV AUC near 1.
    const random = createRandom(3);
    const header = ['id', 'noise', 'converted'];
    const rows = Array.from({ length: 600 }, (_, i) => [
      `lead-${i}`,
      String(random()),
      random() < 0.5 ? 'yes' : 'no',
    ]);
    const encoding = fitTableEncoding(header, rows, { column: 'converted', positive: 'yes' });
    const table = encodeTable(encoding, header, rows);
    const categorical = encoding.columns.map((c) => c.kind === 'categorical');
    expect(categorical).toEqual([true, false]);
    const { run } = await trainModelOnMatrix(table.data, table.labels!, {
      featureNames: table.featureNames,
      categorical,
      kinds: ['gbdt'],
      folds: 3,
      params: { seed: 3 },
    });
    for (const candidate of run.selection.candidates) {
      expect(candidate.cvAuc).toBeGreaterThan(0.4);
      expect(candidate.cvAuc).toBeLessThan(0.6);
    }
  });
});
