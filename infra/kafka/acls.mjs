// Who may do what on the Stepwell test broker (SASL/SCRAM users and ACLs, see README "Authenticated broker").
// Each service has its own SCRAM user, named after the service; it may write only its own topic
// (stepwell.<service>.events) and its own dead-letter topic, read the topics of the services it consumes, and use
// its own consumer group. `admin` is a super user for tests and set-up.
import { randomBytes } from 'node:crypto';

/** Services and the producers whose topics they consume (the same as each service's `consumes`). */
export const STEPWELL_SERVICES = Object.freeze({
  referrals: ['scheduling', 'consultations', 'directory'],
  scheduling: ['referrals'],
  outcomes: ['referrals', 'scheduling', 'directory'],
  consultations: ['referrals', 'outcomes'],
  directory: ['referrals'],
});

export const SCRAM_MECHANISM = 'scram-sha-512';
export const ADMIN_USER = 'admin';

const topicFor = (service) => `stepwell.${service}.events`;
const deadLetterTopicFor = (service) => `stepwell.${service}.dead-letters`;

/** Random passwords for the admin and every service user of one broker. */
export function newCredentials(services = STEPWELL_SERVICES) {
  const password = () => randomBytes(18).toString('base64url');
  return {
    mechanism: SCRAM_MECHANISM,
    admin: { username: ADMIN_USER, password: password() },
    services: Object.fromEntries(Object.keys(services).map((name) => [name, { username: name, password: password() }])),
  };
}

/**
 * The ACL bindings of every service, as plain objects (kafkajs `createAcls` entries once the enums are filled in):
 * `{ principal, resourceType: 'TOPIC' | 'GROUP' | 'CLUSTER', resourceName, operation }`, all ALLOW, any host,
 * literal names. Anything not listed is denied (allow.everyone.if.no.acl.found=false).
 */
export function serviceAclBindings(services = STEPWELL_SERVICES) {
  const bindings = [];
  for (const [service, consumes] of Object.entries(services)) {
    const principal = `User:${service}`;
    const allow = (resourceType, resourceName, operations) => {
      for (const operation of operations) bindings.push({ principal, resourceType, resourceName, operation });
    };
    // Its own topics: create them at start-up, publish to them; the dead-letter topic is also read back by ops.
    allow('TOPIC', topicFor(service), ['CREATE', 'DESCRIBE', 'WRITE']);
    allow('TOPIC', deadLetterTopicFor(service), ['CREATE', 'DESCRIBE', 'WRITE', 'READ']);
    // Topics it consumes: read them (and create one whose producer has not started yet; creating is not writing).
    for (const producer of consumes) allow('TOPIC', topicFor(producer), ['CREATE', 'DESCRIBE', 'READ']);
    // Its consumer group is named after it.
    if (consumes.length > 0) allow('GROUP', service, ['READ', 'DESCRIBE']);
    // The idempotent producer (acks: all, exactly one copy per send).
    allow('CLUSTER', 'kafka-cluster', ['IDEMPOTENT_WRITE']);
  }
  return bindings;
}

/** Creates the ACLs with an admin-authenticated kafkajs client. */
export async function applyServiceAcls({ brokers, credentials, services = STEPWELL_SERVICES }) {
  const kafkajs = await import('kafkajs');
  const { Kafka, logLevel, AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs.default ?? kafkajs;
  const kafka = new Kafka({
    clientId: 'stepwell-acl-setup',
    brokers,
    logLevel: logLevel.NOTHING,
    sasl: { mechanism: credentials.mechanism, username: credentials.admin.username, password: credentials.admin.password },
    retry: { retries: 10, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const acl = serviceAclBindings(services).map((binding) => ({
      resourceType: AclResourceTypes[binding.resourceType],
      resourceName: binding.resourceName,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: binding.principal,
      host: '*',
      operation: AclOperationTypes[binding.operation],
      permissionType: AclPermissionTypes.ALLOW,
    }));
    await admin.createAcls({ acl });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The same bindings as arguments of Kafka's `kafka-acls.sh --add` (one binding a line), for the compose broker
 * (infra/compose/kafka/acls.txt is this output; a test keeps the two the same).
 */
export function aclCommandLines(services = STEPWELL_SERVICES) {
  return serviceAclBindings(services).map((b) => {
    const operation = b.operation === 'IDEMPOTENT_WRITE' ? 'IdempotentWrite' : b.operation[0] + b.operation.slice(1).toLowerCase();
    const resource = b.resourceType === 'TOPIC' ? `--topic ${b.resourceName}` : b.resourceType === 'GROUP' ? `--group ${b.resourceName}` : '--cluster';
    return `--allow-principal ${b.principal} --operation ${operation} ${resource}`;
  });
}

// `node infra/kafka/acls.mjs --compose > infra/compose/kafka/acls.txt` regenerates the compose broker's ACLs.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href && process.argv.includes('--compose')) {
  console.log(
    ['# Generated by `node infra/kafka/acls.mjs --compose` from STEPWELL_SERVICES; do not edit by hand.', ...aclCommandLines()].join('\n'),
  );
}
