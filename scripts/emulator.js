#!/usr/bin/env node
// Runs the Klarna API emulator: npm run emulator -- --port 4010 --username u --password p
// skipProject: the emulator compiles on its own, whatever the repo's tsconfig says.
require("ts-node").register({
  transpileOnly: true,
  skipProject: true,
  compilerOptions: { module: "commonjs", target: "es2021", esModuleInterop: true },
})
require("../emulator/cli.ts")
