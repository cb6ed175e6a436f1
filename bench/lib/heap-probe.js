// Preloaded into the store by bench:settlements-sync (NODE_OPTIONS="--expose-gc --require …"): on
// SIGUSR2 the process collects its garbage and appends its live heap (bytes) to BENCH_HEAP_PROBE_OUT,
// so the bench can sample the store's live heap while a sync runs in it.
const { appendFileSync } = require("fs")

const out = process.env.BENCH_HEAP_PROBE_OUT
if (out && typeof global.gc === "function") {
  process.on("SIGUSR2", () => {
    global.gc()
    global.gc()
    appendFileSync(out, `${process.pid} ${process.memoryUsage().heapUsed}\n`)
  })
}
