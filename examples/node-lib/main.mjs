// Calls the Ruchy statistics library from JavaScript. Build it first:
//   npx ruchyc build examples/node-lib/stats.ruchy --target node -o examples/node-lib/out
//   node examples/node-lib/main.mjs 3 1 4 1 5 9 2 6
import { summarize, histogram, label, percentile_rank, RuchyError } from './out/app.mjs';

const values = process.argv.slice(2).map(Number);
try {
  const s = summarize(values);
  console.log(label(s));
  console.log(`histogram: ${[...histogram(values, 4n)].join(' ')}`);
  console.log(`rank of 4: ${percentile_rank(values, 4)}%`);
} catch (e) {
  if (!(e instanceof RuchyError)) throw e;
  console.error(`stats: ${e.message}`);
  process.exitCode = 1;
}
