// Preloaded (node -r) into the processes the lint benchmark times: writes their peak RSS (KiB, as getrusage
// reports it) to the file BENCH_MAXRSS_FILE names, when they exit.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_MAXRSS_FILE) fs.writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS));
});
