#!/usr/bin/env node
// npm run check:pack (after npm run build): what `npm pack` would publish, checked. Fails when the
// package carries tests, fixtures, mocks or source maps (separate or inline), or when an entry of
// package.json `exports` has no `types` condition or points at a file the package does not contain,
// or when a declaration file imports a package that is neither a dependency nor a peer.
const { execFileSync } = require("child_process")
const fs = require("fs")
const path = require("path")
const { builtinModules } = require("module")

const ROOT = path.resolve(__dirname, "..")
const FORBIDDEN = [
  [/(^|\/)__(tests|mocks|fixtures)__\//, "a test, mock or fixture"],
  [/\.(spec|test)\.[cm]?[jt]sx?$/, "a test"],
  [/\.map$/, "a source map"],
]

function packedFiles() {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: ROOT, encoding: "utf8" })
  return JSON.parse(out)[0].files.map((f) => f.path)
}

/** "./.medusa/server/src/providers/*\/index.js" → a RegExp matching the packed paths it covers */
const patternOf = (target) =>
  new RegExp(
    `^${target
      .replace(/^\.\//, "")
      .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
      .replace("*", "(.+)")}$`
  )

/** Every (subpath, runtime target, types target) of the exports map. */
function exportEntries(exportsMap) {
  const entries = []
  for (const [subpath, value] of Object.entries(exportsMap)) {
    if (subpath === "./package.json") continue
    if (typeof value === "string") {
      entries.push({ subpath, targets: [value], types: undefined, typesFirst: true })
      continue
    }
    const keys = Object.keys(value)
    const targets = keys.filter((k) => k !== "types").map((k) => value[k])
    entries.push({ subpath, targets: [...new Set(targets)], types: value.types, typesFirst: keys[0] === "types" })
  }
  return entries
}

function check() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))
  const files = packedFiles()
  const packed = new Set(files)
  const problems = []

  for (const file of files) {
    for (const [re, what] of FORBIDDEN) if (re.test(file)) problems.push(`${file}: ${what}`)
    if (/\.[cm]?js$/.test(file) && /sourceMappingURL=data:/.test(fs.readFileSync(path.join(ROOT, file), "utf8")))
      problems.push(`${file}: an inline source map`)
  }

  // a file that is an entry of its own (e.g. ./admin) is checked there, not again under a pattern
  const explicit = new Set(
    exportEntries(pkg.exports).flatMap((e) =>
      e.targets.filter((t) => !t.includes("*")).map((t) => t.replace(/^\.\//, ""))
    )
  )
  for (const { subpath, targets, types, typesFirst } of exportEntries(pkg.exports)) {
    if (!types) {
      problems.push(`exports["${subpath}"]: no "types" condition`)
      continue
    }
    if (!typesFirst) problems.push(`exports["${subpath}"]: "types" must come first`)
    for (const target of targets) {
      if (!target.includes("*")) {
        if (!packed.has(target.replace(/^\.\//, "")))
          problems.push(`exports["${subpath}"]: ${target} is not in the package`)
        continue
      }
      // a pattern: every packed file it matches needs its declaration file, and it must match something
      const matches = files.map((f) => patternOf(target).exec(f)).filter((m) => m && !explicit.has(m[0]))
      if (!matches.length) problems.push(`exports["${subpath}"]: ${target} matches no packed file`)
      for (const m of matches) {
        const declaration = types.replace(/^\.\//, "").replace("*", m[1])
        if (!packed.has(declaration)) problems.push(`exports["${subpath}"]: ${m[0]} has no ${declaration}`)
      }
    }
    if (!types.includes("*") && !packed.has(types.replace(/^\.\//, "")))
      problems.push(`exports["${subpath}"]: ${types} is not in the package`)
  }

  // what a published declaration file imports must resolve in a store: a dependency, a peer or Node's own
  const resolvable = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    pkg.name,
  ])
  for (const file of files.filter((f) => f.endsWith(".d.ts"))) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8")
    for (const [, spec] of text.matchAll(/(?:from |import\()"([^".][^"]*)"/g)) {
      const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]
      if (!resolvable.has(name) && !builtinModules.includes(name.replace(/^node:/, "")))
        problems.push(`${file}: imports "${spec}", which is neither a dependency nor a peer`)
    }
  }

  const count = (re) => files.filter((f) => re.test(f)).length
  console.log(
    `npm pack: ${files.length} files (${count(/\.js$/)} .js, ${count(/\.mjs$/)} .mjs, ${count(/\.d\.ts$/)} .d.ts), ` +
      `${exportEntries(pkg.exports).length} typed entries checked`
  )
  if (problems.length) {
    console.error(`✘ ${problems.length} problem(s) in what npm would publish:\n  ${problems.join("\n  ")}`)
    process.exit(1)
  }
  console.log("✔ no tests, fixtures or source maps; every export has its declaration file")
}

check()
