import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/**
 * Import first in a spec (before anything loads Medusa): Medusa's logger reads LOG_FILE and
 * LOG_LEVEL when it is loaded, and then also writes every log line to that file, so the test can
 * read what the store logged. "info" also logs each 4xx error message (Medusa's error handler).
 */
export const LOG_FILE = join(mkdtempSync(join(tmpdir(), "medusa-log-")), "medusa.log")
const before = { LOG_FILE: process.env.LOG_FILE, LOG_LEVEL: process.env.LOG_LEVEL }
process.env.LOG_FILE = LOG_FILE
process.env.LOG_LEVEL = "info"

/** Puts LOG_FILE/LOG_LEVEL back for the spec files Jest runs next in this process. */
export function restoreLogEnv() {
  for (const [k, v] of Object.entries(before)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
}

const INFO_LINE = /^\{.*"level":"info"/

/**
 * Everything the in-process Medusa writes while `start()` is active: process stdout/stderr, and
 * the console (winston's console transport writes through console.log when Jest's console has no
 * stream). Its info lines (all in LOG_FILE too) are kept out of the test output, like setup.js
 * drops knex's noise.
 */
const consoleStreams = (): NodeJS.WritableStream[] =>
  [(console as any)._stdout, (console as any)._stderr].filter((s) => s && typeof s.write === "function")

export function captureOutput() {
  const chunks: string[] = []
  const streamOriginals = new Map<NodeJS.WritableStream, NodeJS.WritableStream["write"]>()
  const originals = {
    out: process.stdout.write.bind(process.stdout),
    err: process.stderr.write.bind(process.stderr),
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
  }
  const tee = (original: typeof originals.out) =>
    ((chunk: any, ...rest: any[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")
      chunks.push(text)
      if (INFO_LINE.test(text)) return true
      return original(chunk, ...rest)
    }) as typeof process.stdout.write
  const teeConsole =
    (original: (...args: any[]) => void) =>
    (...args: any[]) => {
      const text = args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")
      chunks.push(text + "\n")
      if (INFO_LINE.test(text)) return
      original(...args)
    }
  return {
    start() {
      process.stdout.write = tee(originals.out)
      process.stderr.write = tee(originals.err)
      // winston's console transport writes to console._stdout when there is one (Jest's console has its own)
      for (const stream of consoleStreams()) {
        if (stream === process.stdout || stream === process.stderr || streamOriginals.has(stream)) continue
        streamOriginals.set(stream, stream.write)
        stream.write = tee(stream.write.bind(stream))
      }
      console.log = teeConsole(originals.log)
      console.info = teeConsole(originals.info)
      console.warn = teeConsole(originals.warn)
      console.error = teeConsole(originals.error)
    },
    stop() {
      process.stdout.write = originals.out
      process.stderr.write = originals.err
      for (const [stream, write] of streamOriginals) stream.write = write
      streamOriginals.clear()
      Object.assign(console, { log: originals.log, info: originals.info, warn: originals.warn, error: originals.error })
    },
    text: () => chunks.join(""),
  }
}

/**
 * Started on import, before the spec's other imports load Medusa's logger: its console transport
 * binds console.log when it is created.
 */
export const medusaOutput = captureOutput()
medusaOutput.start()
