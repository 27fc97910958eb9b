export { createTestDatabase, createTestRole, type TestDatabase, type TestRole } from './database';
export { canStartKafkaBroker, type DedicatedKafkaBroker, describeWithKafka, kafkaAdminEnv, kafkaServiceCredentials, kafkaServiceEnv, kafkaTestClientSasl, type KafkaTestConnection, kafkaTestSasl, startDedicatedKafkaBroker, } from './kafka';
export { pdfText } from './pdf-text';
export { addDaysToDate, clockPast, nextLastSundayOf, TestClock, testNow } from './test-time';
