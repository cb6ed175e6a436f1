#!/usr/bin/env node
// Writes Medusa's generated types into .medusa/types, as `medusa develop` and `medusa build` do at
// startup, without a database or a server. `npm run build:check` builds with them in place: the
// plugin must compile both with and without them.
require("ts-node").register({ transpileOnly: true })
const { initializeContainer } = require("@medusajs/medusa/loaders/index")
const { generateTypes } = require("@medusajs/medusa/commands/utils/generate-types")
const { ContainerRegistrationKeys } = require("@medusajs/framework/utils")

async function main() {
  const directory = process.cwd()
  const container = await initializeContainer(directory, { skipDbConnection: true, throwOnValidationError: false })
  await generateTypes({ directory, container, logger: container.resolve(ContainerRegistrationKeys.LOGGER) })
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
