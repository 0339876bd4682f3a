// node realtime-mirror.mjs mirror.json [--seconds N]
// Keeps a local JSON copy of every lead: a full sync first, then each lead.* event applied as it
// arrives (the stream resumes by itself after a disconnect, missing nothing). Stops on Ctrl-C, or
// after N seconds when given.
import { writeFile } from 'node:fs/promises';
import { hk } from './client.mjs';

const [out = 'mirror.json', flag, value] = process.argv.slice(2);
const seconds = flag === '--seconds' ? Number(value) : undefined;
const leads = new Map();
const save = () => writeFile(out, `${JSON.stringify([...leads.values()], null, 2)}\n`);

for await (const lead of hk.leads.list({ limit: 100 })) leads.set(lead.id, lead);
await save();
console.log(`synced ${leads.size} leads into ${out}`);

let events = 0;
const subscription = hk.events.subscribe(
  async (event) => {
    events++;
    if (event.type === 'lead.deleted') leads.delete(event.resource_id);
    else leads.set(event.resource_id, await hk.leads.retrieve(event.resource_id));
    await save();
  },
  {
    types: ['lead.created', 'lead.updated', 'lead.deleted'],
    onError: (error) => console.warn(error.message),
  },
);
const stop = () => subscription.close();
process.once('SIGINT', stop);
if (seconds !== undefined) setTimeout(stop, seconds * 1000);
await subscription.done;
console.log(JSON.stringify({ leads: leads.size, events }));
