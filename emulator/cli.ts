import { DEFAULT_PASSWORD, DEFAULT_USERNAME, startKlarnaEmulator } from "./index"

const USAGE = `Klarna API emulator (Klarna Payments v1, Order Management v1, Settlements v1)

  npm run emulator -- [--port 4010] [--host 127.0.0.1] [--username u] [--password p]

Credentials default to KLARNA_USERNAME / KLARNA_PASSWORD, else ${DEFAULT_USERNAME} / ${DEFAULT_PASSWORD}.
Test controls live under /__emulator/ (see emulator/controls.ts).`

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE)
      process.exit(0)
    }
    const match = arg.match(/^--([a-z-]+)(?:=(.*))?$/)
    if (!match) throw new Error(`Unexpected argument: ${arg}\n\n${USAGE}`)
    const value = match[2] ?? argv[++i]
    if (value === undefined) throw new Error(`--${match[1]} needs a value`)
    args[match[1]] = value
  }
  return args
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const port = Number(args.port ?? 4010)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid --port: ${args.port}`)
  const username = args.username ?? process.env.KLARNA_USERNAME ?? DEFAULT_USERNAME
  const emulator = await startKlarnaEmulator({
    port,
    host: args.host,
    username,
    password: args.password ?? process.env.KLARNA_PASSWORD ?? DEFAULT_PASSWORD,
  })
  console.log(`Klarna emulator listening on ${emulator.url} (username: ${username})`)
  const shutdown = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", shutdown)
  process.once("SIGTERM", shutdown)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
