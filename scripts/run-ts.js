#!/usr/bin/env node
// Runs a TypeScript file without a build step: node scripts/run-ts.js <file.ts> [args...]
require("ts-node").register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: { module: "commonjs", target: "es2021", esModuleInterop: true, resolveJsonModule: true },
})
const path = require("path")
const file = path.resolve(process.argv[2])
process.argv.splice(1, 1)
require(file)
