"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.testNow = exports.TestClock = exports.nextLastSundayOf = exports.clockPast = exports.addDaysToDate = exports.pdfText = exports.startDedicatedKafkaBroker = exports.kafkaTestSasl = exports.kafkaTestClientSasl = exports.kafkaServiceEnv = exports.kafkaServiceCredentials = exports.kafkaAdminEnv = exports.describeWithKafka = exports.canStartKafkaBroker = exports.createTestRole = exports.createTestDatabase = void 0;
// The public surface of @stepwell/testing: only what code outside the library uses.
var database_1 = require("./database");
Object.defineProperty(exports, "createTestDatabase", { enumerable: true, get: function () { return database_1.createTestDatabase; } });
Object.defineProperty(exports, "createTestRole", { enumerable: true, get: function () { return database_1.createTestRole; } });
var kafka_1 = require("./kafka");
Object.defineProperty(exports, "canStartKafkaBroker", { enumerable: true, get: function () { return kafka_1.canStartKafkaBroker; } });
Object.defineProperty(exports, "describeWithKafka", { enumerable: true, get: function () { return kafka_1.describeWithKafka; } });
Object.defineProperty(exports, "kafkaAdminEnv", { enumerable: true, get: function () { return kafka_1.kafkaAdminEnv; } });
Object.defineProperty(exports, "kafkaServiceCredentials", { enumerable: true, get: function () { return kafka_1.kafkaServiceCredentials; } });
Object.defineProperty(exports, "kafkaServiceEnv", { enumerable: true, get: function () { return kafka_1.kafkaServiceEnv; } });
Object.defineProperty(exports, "kafkaTestClientSasl", { enumerable: true, get: function () { return kafka_1.kafkaTestClientSasl; } });
Object.defineProperty(exports, "kafkaTestSasl", { enumerable: true, get: function () { return kafka_1.kafkaTestSasl; } });
Object.defineProperty(exports, "startDedicatedKafkaBroker", { enumerable: true, get: function () { return kafka_1.startDedicatedKafkaBroker; } });
var pdf_text_1 = require("./pdf-text");
Object.defineProperty(exports, "pdfText", { enumerable: true, get: function () { return pdf_text_1.pdfText; } });
var test_time_1 = require("./test-time");
Object.defineProperty(exports, "addDaysToDate", { enumerable: true, get: function () { return test_time_1.addDaysToDate; } });
Object.defineProperty(exports, "clockPast", { enumerable: true, get: function () { return test_time_1.clockPast; } });
Object.defineProperty(exports, "nextLastSundayOf", { enumerable: true, get: function () { return test_time_1.nextLastSundayOf; } });
Object.defineProperty(exports, "TestClock", { enumerable: true, get: function () { return test_time_1.TestClock; } });
Object.defineProperty(exports, "testNow", { enumerable: true, get: function () { return test_time_1.testNow; } });
//# sourceMappingURL=index.js.map