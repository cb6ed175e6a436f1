const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

process.env.LOG_LEVEL = process.env.LOG_LEVEL || "error"
process.env.MEDUSA_ADMIN_DISABLE = "true"
MetadataStorage.clear()

// Medusa's test runner drops each test's database with open pool connections; knex then prints
// "Connection Error: Connection ended unexpectedly" by the dozen. Only that line is dropped.
const log = console.log
console.log = (...args) => {
  if (typeof args[0] === "string" && args[0].startsWith("Connection Error: Connection ended unexpectedly")) return
  log(...args)
}
