"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutcomeFlagsComputedV1Contract = exports.OutcomeFlagsComputedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class OutcomeFlagsComputedV1Payload {
    episodeId;
    ruleSetVersion;
    depressionMeasure;
    anxietyMeasure;
    pairedScores;
    finishedCourse;
    casenessAtStart;
    recovery;
    reliableImprovement;
    reliableDeterioration;
    reliableRecovery;
    noReliableChange;
    computedAt;
}
exports.OutcomeFlagsComputedV1Payload = OutcomeFlagsComputedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], OutcomeFlagsComputedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9._-]{1,32}$/),
    __metadata("design:type", String)
], OutcomeFlagsComputedV1Payload.prototype, "ruleSetVersion", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(vocabulary_1.MEASURE_CODE),
    __metadata("design:type", String)
], OutcomeFlagsComputedV1Payload.prototype, "depressionMeasure", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(vocabulary_1.MEASURE_CODE),
    __metadata("design:type", String)
], OutcomeFlagsComputedV1Payload.prototype, "anxietyMeasure", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "pairedScores", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "finishedCourse", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "casenessAtStart", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "recovery", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "reliableImprovement", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "reliableDeterioration", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "reliableRecovery", void 0);
__decorate([
    (0, class_validator_1.IsBoolean)(),
    __metadata("design:type", Boolean)
], OutcomeFlagsComputedV1Payload.prototype, "noReliableChange", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], OutcomeFlagsComputedV1Payload.prototype, "computedAt", void 0);
exports.OutcomeFlagsComputedV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.outcome-flags-computed',
    version: 1,
    producer: 'outcomes',
    payload: OutcomeFlagsComputedV1Payload,
    description: "An ended episode's outcome flags (recovery, reliable improvement, ...) under a named rule set.",
});
//# sourceMappingURL=outcome-flags-computed.contract.js.map