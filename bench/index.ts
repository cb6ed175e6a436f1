// npm run bench: every benchmark of the project, one after the other (each exits non-zero on a missed target).
import { spawnSync } from "child_process"
import path from "path"

const benches = [
  "client.bench.ts",
  "order-lines.bench.ts",
  "settlements.bench.ts",
  "settlements-sync.bench.ts",
  "capture.bench.ts",
]
let failed = false
for (const file of benches) {
  console.log(`\n=== ${file} ===`)
  const run = spawnSync(process.execPath, [path.join(__dirname, "../scripts/run-ts.js"), path.join(__dirname, file)], {
    stdio: "inherit",
  })
  if (run.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
