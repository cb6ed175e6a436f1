#!/usr/bin/env node
// Builds medusa-plugin-klarna-storefront from the plugin's src/storefront (the one copy of that code):
//   dist/esm/{index,react}.js  ES modules          dist/cjs/{index,react}.js  CommonJS
//   dist/*/*.d.ts              type declarations   (tsc, from tsconfig.json next to this file)
// The React entry keeps its source's "use client" directive (esbuild keeps an entry point's directives) and imports the helpers from ./index.js instead of
// bundling a second copy; react is the only import left outside the package.
const { execFileSync } = require("child_process")
const fs = require("fs")
const path = require("path")

const PACKAGE_DIR = __dirname
const SOURCE_DIR = path.join(PACKAGE_DIR, "../../src/storefront")
const ENTRIES = { index: "index.ts", react: "react.tsx" }
const FORMATS = { esm: { type: "module" }, cjs: { type: "commonjs" } }

/** The React entry's import of the framework-free entry stays an import of the built ./index.js. */
const indexStaysExternal = {
  name: "index-stays-external",
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      path.basename(args.importer) === ENTRIES.react ? { path: "./index.js", external: true } : undefined
    )
  },
}

async function buildJs(outDir) {
  const esbuild = require("esbuild")
  for (const [format, { type }] of Object.entries(FORMATS)) {
    const dir = path.join(outDir, format)
    for (const [name, file] of Object.entries(ENTRIES)) {
      await esbuild.build({
        entryPoints: [path.join(SOURCE_DIR, file)],
        outfile: path.join(dir, `${name}.js`),
        bundle: true,
        format,
        platform: "browser",
        target: "es2020",
        jsx: "automatic",
        external: ["react", "react/*", "react-dom", "react-dom/*"],
        plugins: [indexStaysExternal],
        logLevel: "warning",
      })
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type }) + "\n")
  }
}

/**
 * tsc writes the declarations into dist/cjs; dist/esm gets the same files with explicit `.js`
 * specifiers, which ES module resolution (moduleResolution node16/nodenext) requires.
 */
function buildDeclarations(outDir) {
  const tsc = require.resolve("typescript/bin/tsc")
  const cjs = path.join(outDir, "cjs")
  execFileSync(process.execPath, [tsc, "-p", path.join(PACKAGE_DIR, "tsconfig.json"), "--outDir", cjs], {
    stdio: "inherit",
  })
  for (const file of fs.readdirSync(cjs).filter((f) => f.endsWith(".d.ts"))) {
    const text = fs.readFileSync(path.join(cjs, file), "utf8")
    const esm = text.replace(/(from\s+["'])(\.\.?\/[^"']+?)(["'])/g, (_, open, spec, close) =>
      spec.endsWith(".js") ? `${open}${spec}${close}` : `${open}${spec}.js${close}`
    )
    fs.writeFileSync(path.join(outDir, "esm", file), esm)
  }
}

async function buildStorefrontPackage({ outDir = path.join(PACKAGE_DIR, "dist"), declarations = true } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true })
  await buildJs(outDir)
  if (declarations) buildDeclarations(outDir)
  return outDir
}

module.exports = { buildStorefrontPackage, PACKAGE_DIR, SOURCE_DIR }

if (require.main === module) {
  buildStorefrontPackage().then(
    (dir) => console.log(`medusa-plugin-klarna-storefront built into ${path.relative(process.cwd(), dir) || "."}`),
    (e) => {
      console.error(e)
      process.exit(1)
    }
  )
}
