// Child process that hosts the storage and mail emulators for the local runtime. It runs
// apart from the handlers because s3rver needs Node's --openssl-legacy-provider (without
// it a paged ListObjectsV2 answers 500 ERR_OSSL_EVP_UNSUPPORTED), and that flag should not
// change the crypto of the process that runs the code under test.
//
// argv[2]: JSON { sesPort, s3Directory } (port 0 = any free port; DynamoDB and S3 always use any).
// Reports { type: 'ready', ports: { dynamodb, s3, ses } } over IPC, and exits when the
// parent disconnects, so it never outlives the runtime that started it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const S3rver = require('s3rver');
const sesServer = require('aws-ses-v2-local').default;

const config = JSON.parse(process.argv[2]);
const HOST = '127.0.0.1';

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(server.address().port));
  });
}

process.on('disconnect', () => process.exit(0));

// Tables are ACTIVE at once: nothing local gains from CREATING delays.
const dynamodb = await listen(dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }), 0);
const s3 = await new S3rver({ address: HOST, port: 0, directory: config.s3Directory, silent: true }).run();
// aws-ses-v2-local relays mail to SMTP when SMTP_TRANSPORT is set; locally it must only keep it.
delete process.env.SMTP_TRANSPORT;
const ses = await sesServer({ host: HOST, port: config.sesPort });
// It resolves even when it could not listen (its server then has no address).
if (!ses.address()) throw new Error(`The SES emulator cannot listen on ${HOST}:${config.sesPort}: is the port in use?`);

process.send({ type: 'ready', ports: { dynamodb, s3: s3.port, ses: ses.address().port } });
