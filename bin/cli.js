// The plc-kit server's command line, shared by `plc-kit` (bin/plc-kit.js, in this repository and
// in the plc-kit package) and `plc-kit-server` (the @plc-kit/server package, which ships a copy
// as dist/cli.js):
//   serve [--port 8787] [--host 127.0.0.1] [--data ./plc-data]   start the server
//   token --sub p-ana --trust trust-1 [--roles teacher,cpd-leader] [--service] [--expires 8h]
//                                                 a development token signed with PLC_JWT_SECRET
//   openapi                                       print the REST contract (OpenAPI 3.1)
//   subject-access --trust t --person p           print everything held about a person (JSON)
//   erase --trust t --person p --confirm          erase a person's words (tombstones that replay)
//   verify <credential.json> --issuer <issuer.json> verify an Open Badges credential offline
import { parseArgs } from 'node:util';

const HELP = `plc-kit: the plc-kit server (the @plc-kit/server package)

  plc-kit serve [--port 8787] [--host 127.0.0.1] [--data ./plc-data]
      Starts the server. Without DATABASE_URL it keeps its data in an embedded PostgreSQL
      (PGlite) in the data folder. Environment: DATABASE_URL, PLC_DATA_DIR, PLC_DB_SCHEMA,
      PLC_JWKS_URL, PLC_JWT_ISSUER, PLC_JWT_AUDIENCE, PLC_JWT_SECRET (development only),
      PLC_PORT, PLC_HOST, PLC_SURVEY_RATE_LIMIT, PLC_CORS_ORIGINS, PLC_EMBED_ANCESTORS,
      PLC_LRS_ENDPOINT, PLC_LRS_KEY, PLC_LRS_SECRET, PLC_XAPI_HOMEPAGE, PLC_XAPI_ACTIVITY_BASE,
      PLC_DEV_TOKENS (development only). See docs/server/README.md.
      Stops gracefully on SIGTERM or Ctrl-C.

  plc-kit token --sub <person id> --trust <trust id> [--roles teacher,cpd-leader,coach,admin]
                [--service] [--expires 8h]
      Prints a development token signed with PLC_JWT_SECRET (never use one in production).

  plc-kit openapi
      Prints the REST contract as OpenAPI 3.1 JSON.

  plc-kit subject-access --trust <trust id> --person <person id> [--data ./plc-data]
      Prints, as JSON, everything the trust holds about the person: their record, every event
      they wrote, observations of their lessons with their notes, reviews of their questions,
      their appraisal records (docs/privacy.md, "Subject access requests"). Uses the same
      DATABASE_URL or data folder as serve.

  plc-kit erase --trust <trust id> --person <person id> --confirm [--data ./plc-data]
      Erases the person's words: tombstones in every event they wrote and in the notes of
      observations of their lessons, their record without name or contacts, their appraisal
      records deleted; every enquiry replays to the same stage and every device fetches the
      trust again (docs/privacy.md, "Erasure"). Cannot be undone: take a backup first.

  plc-kit verify <credential.json> --issuer <issuer.json>
      Verifies an Open Badges 3.0 credential plc-kit issued, offline: its Data Integrity proof
      (eddsa-rdfc-2022) against the public key in the issuer document (saved from the
      credential's issuer id, GET /v1/badges/issuers/<trust>). Exits 0 when it verifies, 1 when
      it does not, saying why.
`;

function fail(message) {
  console.error(`plc-kit: ${message}`);
  process.exit(1);
}

async function serve(args, loadServer) {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' } } });
  const server = await loadServer();
  const log = server.jsonLogger();
  let settings;
  try {
    settings = server.serverOptionsFromEnv(process.env);
  } catch (error) {
    fail(error.message);
  }
  for (const warning of settings.warnings) log({ level: 'warn', msg: warning });
  const port = values.port === undefined ? settings.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be a port number (got ${values.port}).`);
  const options = { ...settings.options, log, ...(values.data ? { dataDir: values.data } : {}) };
  const instance = server.createServer(options);
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      log({ level: 'warn', msg: `${signal} again: stopping now` });
      process.exit(1);
    }
    stopping = true;
    log({ level: 'info', msg: `${signal}: finishing requests in flight` });
    instance.close().then(
      () => process.exit(0),
      (error) => {
        log({ level: 'error', msg: 'shutdown failed', error: error.message });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    await instance.listen(port, values.host ?? settings.host);
  } catch (error) {
    log({ level: 'error', msg: 'could not start', error: error.message });
    await instance.close().catch(() => undefined);
    process.exit(1);
  }
}

async function token(args) {
  const { values } = parseArgs({
    args,
    options: { sub: { type: 'string' }, trust: { type: 'string' }, roles: { type: 'string' }, service: { type: 'boolean' }, expires: { type: 'string' } },
  });
  const secret = process.env.PLC_JWT_SECRET;
  if (!secret || secret.length < 32) fail('set PLC_JWT_SECRET (at least 32 characters) to the secret the server uses.');
  if (!values.trust) fail('--trust is required.');
  if (!values.sub && !values.service) fail('--sub (the person id) is required, or --service.');
  const { SignJWT } = await import('jose');
  const claims = { plc_trust: values.trust };
  if (values.roles) claims.plc_roles = values.roles.split(',').map((role) => role.trim()).filter(Boolean);
  if (values.service) claims.plc_service = true;
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(values.expires ?? '8h');
  if (values.sub) jwt.setSubject(values.sub);
  console.log(await jwt.sign(new TextEncoder().encode(secret)));
}

/** Opens the database `serve` would use, migrated, for the operator's commands. */
async function openDatabase(server, values) {
  let settings;
  try {
    settings = server.serverOptionsFromEnv(process.env);
  } catch (error) {
    fail(error.message);
  }
  const db = await server.openDb({ ...settings.options, ...(values.data ? { dataDir: values.data } : {}) });
  await server.migrate(db);
  return db;
}

const personOptions = { trust: { type: 'string' }, person: { type: 'string' }, data: { type: 'string' }, confirm: { type: 'boolean' } };

async function subjectAccess(args, loadServer) {
  const { values } = parseArgs({ args, options: personOptions });
  if (!values.trust || !values.person) fail('--trust and --person are required.');
  const server = await loadServer();
  const db = await openDatabase(server, values);
  try {
    process.stdout.write(`${JSON.stringify(await server.subjectAccess(db, values.trust, values.person), null, 2)}\n`);
  } finally {
    await db.close();
  }
}

async function erase(args, loadServer) {
  const { values } = parseArgs({ args, options: personOptions });
  if (!values.trust || !values.person) fail('--trust and --person are required.');
  if (!values.confirm) fail(`erasing ${values.person}'s words cannot be undone: take a backup, then run again with --confirm.`);
  const server = await loadServer();
  const db = await openDatabase(server, values);
  try {
    const report = await server.erase(db, server.defaultLifecycle, values.trust, values.person);
    console.log(JSON.stringify(report));
  } finally {
    await db.close();
  }
}

async function verify(args, loadServer) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { issuer: { type: 'string' } } });
  if (positionals.length !== 1) fail('name one credential file: plc-kit verify <credential.json> --issuer <issuer.json>');
  if (!values.issuer) fail('--issuer is required: the issuer document saved from the credential\'s issuer id (GET /v1/badges/issuers/<trust>).');
  const { readFile } = await import('node:fs/promises');
  const readJson = async (path, what) => {
    let text;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      fail(`cannot read the ${what} ${path}: ${error.message}`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      fail(`the ${what} ${path} is not JSON: ${error.message}`);
    }
  };
  const credential = await readJson(positionals[0], 'credential');
  const issuer = await readJson(values.issuer, 'issuer document');
  if (!Array.isArray(issuer?.assertionMethod)) fail(`the issuer document ${values.issuer} lists no keys (assertionMethod).`);
  const server = await loadServer();
  const result = await server.verifyBadge(credential, issuer);
  if (!result.verified) fail(`not verified: ${result.reason}`);
  console.log(`verified: ${credential.name ?? credential.id}, issued by ${result.issuer}`);
}

async function openapi(args, loadServer) {
  const server = await loadServer();
  process.stdout.write(`${JSON.stringify(await server.openApiDocument(), null, 2)}\n`);
}

/**
 * Runs one command.
 * @param {string[]} argv the arguments after the command's name
 * @param {() => Promise<any>} [loadServer] imports the server module: by default the compiled server
 *   beside this file, as the @plc-kit/server package lays it out (dist/cli.js, dist/src/server/)
 */
export async function main(argv, loadServer = () => import('./src/server/index.js')) {
  const [command, ...rest] = argv;
  const commands = { serve, token, openapi, 'subject-access': subjectAccess, erase, verify };
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
  } else if (!commands[command]) {
    fail(`unknown command "${command}". Try: plc-kit --help`);
  } else {
    await commands[command](rest, loadServer).catch((error) => fail(error.message));
  }
}
