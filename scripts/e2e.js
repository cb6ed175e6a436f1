#!/usr/bin/env node
// Browser end-to-end tests of the demo storefront and the Klarna admin panel: boots the dev store (database, Klarna
// emulator, admin build, migrations, seed, admin user, `medusa start`), then drives Debian's
// Chromium with playwright-core. See integration-tests/e2e/run-all.ts.
require("ts-node").register({ transpileOnly: true, compilerOptions: { module: "commonjs", moduleResolution: "node" } })

require("../integration-tests/e2e/run-all")
  .main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
