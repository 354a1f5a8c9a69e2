// Preloaded into the measured CLI (`node --require bench/peakRss.cjs dist/cli.js ...`): at exit, writes the
// process's peak resident set size (getrusage ru_maxrss, KiB) to the file named by CRIU_BENCH_RSS_FILE.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.CRIU_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
