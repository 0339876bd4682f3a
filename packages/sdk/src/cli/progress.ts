import { Presets, SingleBar } from 'cli-progress';
import type { ColumnMapping } from './column-map.js';
import type { ImportSummary } from './import-leads.js';

/** A progress bar on a terminal; on a pipe or in CI, just the column mapping once. */
export function createProgressReporter(stream: NodeJS.WritableStream & { isTTY?: boolean }) {
  const bar = stream.isTTY
    ? new SingleBar(
        {
          stream,
          format:
            'leads {bar} {percentage}% | {value}/{total} rows | {created} new, {merged} merged, {already} already imported, {failed} failed | {eta}s left',
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : undefined;
  return {
    start: (mapping: ColumnMapping, total: number) => {
      const pairs = [...mapping.fields].map(([field, column]) => `${field} ← "${column}"`).join(', ');
      stream.write(`columns: ${pairs || 'none recognised'}\n`);
      if (mapping.unmapped.length > 0) stream.write(`unmapped: ${mapping.unmapped.join(', ')}\n`);
      bar?.start(total, 0, { created: 0, merged: 0, already: 0, failed: 0 });
    },
    update: (done: number, _total: number, summary: ImportSummary) =>
      bar?.update(done, {
        created: summary.created,
        merged: summary.merged,
        already: summary.alreadyImported,
        failed: summary.failed.length,
      }),
    stop: () => bar?.stop(),
  };
}
