import { writeEmbeds } from './embed.mjs';

await writeEmbeds();
