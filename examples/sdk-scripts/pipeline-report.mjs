// node pipeline-report.mjs
// Prints the deal pipeline: per stage, the number of deals, their total and weighted value.
import { hk } from './client.mjs';

const pipeline = await hk.pipeline.retrieve();
const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
console.log('stage'.padEnd(16), 'deals'.padStart(6), 'total'.padStart(14), 'weighted'.padStart(14));
for (const stage of pipeline.stages) {
  console.log(
    stage.stage.padEnd(16),
    String(stage.count).padStart(6),
    money.format(stage.total_value).padStart(14),
    money.format(stage.weighted_value).padStart(14),
  );
}
