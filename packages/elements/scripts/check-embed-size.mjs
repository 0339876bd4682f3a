import { leadFormBudgetBytes, measureEmbeds } from './embed.mjs';

const sizes = await measureEmbeds();
const leadForm = sizes.find((size) => size.name === 'hk-lead-form');
if (!leadForm) throw new Error('hk-lead-form was not built');
if (leadForm.gzipped > leadFormBudgetBytes) {
  console.error(
    `hk-lead-form.js is ${leadForm.gzipped} bytes min+gz, over its ${leadFormBudgetBytes}-byte budget.`,
  );
  process.exit(1);
}
console.log(
  `hk-lead-form.js: ${leadForm.gzipped} bytes min+gz, within its ${leadFormBudgetBytes}-byte budget.`,
);
