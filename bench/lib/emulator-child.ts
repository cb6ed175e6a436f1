/**
 * Runs the Klarna emulator in its own process for benchmarks:
 *   node scripts/run-ts.js bench/lib/emulator-child.ts --port <p> --username <u> --password <pw>
 * Prints one JSON line {"url": "..."} on stdout once listening; stops on SIGTERM or stdin end.
 */
import { startKlarnaEmulator } from "../../emulator"

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback
}

async function main() {
  const emulator = await startKlarnaEmulator({
    port: Number(arg("port", "0")),
    username: arg("username", "bench_user"),
    password: arg("password", "bench_password"),
  })
  process.stdout.write(JSON.stringify({ url: emulator.url }) + "\n")
  const stop = async () => {
    await emulator.close()
    process.exit(0)
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  process.stdin.on("end", stop)
  process.stdin.resume()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
