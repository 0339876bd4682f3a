// node bulk-import.mjs sellers.csv
// Creates one lead per CSV row (header: name,email,phone,address,city,state), four at a time.
// Each row's idempotency key is derived from its email or line, so re-running after a failure
// never creates a lead twice; leads matching an existing email or phone are merged by the server.
import { readFile } from 'node:fs/promises';
import { hk } from './client.mjs';

const file = process.argv[2];
if (!file) {
  console.error('Usage: node bulk-import.mjs <file.csv>');
  process.exit(2);
}
const [header, ...lines] = (await readFile(file, 'utf8')).trim().split(/\r?\n/);
const columns = header.split(',').map((name) => name.trim());
const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v.trim()])));

const summary = { created: 0, merged: 0, failed: [] };
let next = 0;
async function worker() {
  while (next < rows.length) {
    const line = next + 2; // the header is line 1
    const row = rows[next++];
    const lead = {
      contact: { name: row.name || undefined, email: row.email || undefined, phone: row.phone || undefined },
      property: {
        address: row.address || undefined,
        city: row.city || undefined,
        state: row.state || undefined,
      },
      source: 'import',
    };
    try {
      const created = await hk.leads.create(lead, {
        idempotencyKey: `bulk-import-${row.email || `line-${line}`}`,
      });
      summary[created.merged ? 'merged' : 'created']++;
    } catch (error) {
      summary.failed.push({ line, error: error.message });
    }
  }
}
await Promise.all([worker(), worker(), worker(), worker()]);
console.log(JSON.stringify(summary));
process.exitCode = summary.failed.length ? 1 : 0;
