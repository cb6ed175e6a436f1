import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import readline from "node:readline"

export interface EmulatorProcess {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/**
 * Starts the emulator in a separate Node process (so its CPU time does not share the
 * benchmark's event loop), through the same TypeScript runner as this process.
 */
export function spawnEmulator(opts: { username: string; password: string; port?: number }): Promise<EmulatorProcess> {
  const root = path.resolve(__dirname, "../..")
  const child = spawn(
    process.execPath,
    [
      path.join(root, "scripts/run-ts.js"),
      path.join(__dirname, "emulator-child.ts"),
      "--port",
      String(opts.port ?? 0),
      "--username",
      opts.username,
      "--password",
      opts.password,
    ],
    { cwd: root, stdio: ["pipe", "pipe", "inherit"], env: process.env }
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM")
      reject(new Error("emulator did not start within 60 s"))
    }, 60_000)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited early with code ${code}`))
    })
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on("line", (line) => {
      let url: string | undefined
      try {
        url = (JSON.parse(line) as { url?: string }).url
      } catch {
        return
      }
      if (!url) return
      clearTimeout(timer)
      child.removeAllListeners("exit")
      resolve({
        url,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done()
            child.once("exit", () => done())
            child.kill("SIGTERM")
          }),
      })
    })
  })
}
