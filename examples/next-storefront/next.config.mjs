import path from "path"
import { fileURLToPath } from "url"

/** @type {import("next").NextConfig} */
const nextConfig = {
  // this example carries no ESLint setup of its own; `next build` still type-checks it
  eslint: { ignoreDuringBuilds: true },
  // the app is its own project (own lockfile), not part of the plugin repository around it
  outputFileTracingRoot: path.dirname(fileURLToPath(import.meta.url)),
}

export default nextConfig
