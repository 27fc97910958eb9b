module.exports = async function globalTeardown() {
  const server = globalThis.__STEPWELL_EMBEDDED_PG__;
  if (server) {
    delete process.env.DATABASE_URL;
    await server.stop();
  }
};
