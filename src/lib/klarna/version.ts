import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"

const PACKAGE_NAME = "medusa-plugin-klarna"

/**
 * The plugin's version from its package.json, found by walking up from this file: the sources
 * (src/lib/klarna) and the built plugin (.medusa/server/src/lib/klarna) sit at different depths.
 */
function readPluginVersion(): string {
  let dir = __dirname
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string
        version?: string
      }
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === "string") {
        return pkg.version
      }
    } catch {
      // no package.json here
    }
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return "0.0.0"
}

export const KLARNA_PLUGIN_VERSION: string = readPluginVersion()

/** "medusa-plugin-klarna/<version> node/<version>" */
export const KLARNA_PLUGIN_USER_AGENT = `${PACKAGE_NAME}/${KLARNA_PLUGIN_VERSION} node/${process.versions.node}`
