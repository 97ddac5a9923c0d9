/** Writes docs/rate-card.schema.json from the zod schema: `npm run docs:card-schema`. */
import { writeFileSync } from 'node:fs';
import { rateCardJsonSchema } from '../src/rating/rate-card.schema.js';

const file = new URL('../docs/rate-card.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(rateCardJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
