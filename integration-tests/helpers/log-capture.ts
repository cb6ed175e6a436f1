import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/**
 * Import first in a spec (before anything loads Medusa): Medusa's logger reads LOG_FILE and
 * LOG_LEVEL when it is loaded, and then also writes every log line to that file, so the test can
 * read what the store logged. "info" also logs each 4xx error message (Medusa's error handler).
 */
export const LOG_FILE = join(mkdtempSync(join(tmpdir(), "medusa-log-")), "medusa.log")
process.env.LOG_FILE = LOG_FILE
process.env.LOG_LEVEL = "info"

/**
 * Everything written to this process's stdout/stderr while `start()` is active: the in-process
 * Medusa's console output. Its own info lines (all in LOG_FILE too) are kept out of the test
 * output, like setup.js drops knex's noise.
 */
export function captureOutput() {
  const chunks: string[] = []
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) }
  const tee = (original: typeof originals.out) =>
    ((chunk: any, ...rest: any[]) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8")
      chunks.push(text)
      if (/^\{.*"level":"info"/.test(text)) return true
      return original(chunk, ...rest)
    }) as typeof process.stdout.write
  return {
    start() {
      process.stdout.write = tee(originals.out)
      process.stderr.write = tee(originals.err)
    },
    stop() {
      process.stdout.write = originals.out
      process.stderr.write = originals.err
    },
    text: () => chunks.join(""),
  }
}
